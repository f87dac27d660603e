import { durationSchema } from '../config/duration.js';

export interface TrainConfig {
  notebook: string;
  /** auto: papermill when it is on PATH, else the built-in nbclient engine. */
  engine: 'auto' | 'papermill' | 'nbclient';
  /** Kernel name; defaults to the notebook's kernelspec. */
  kernel?: string;
  /** Python interpreter that runs the built-in engine (default: python3 on PATH). */
  python?: string;
  parameters: Record<string, unknown>;
  /** Whole-run timeout. */
  timeout?: string | number;
  /** Per-cell timeout. */
  cell_timeout?: string | number;
  /** Fail before the notebook starts unless a GPU is visible. */
  gpu: boolean;
}

export const trainSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['notebook'],
  description: 'How to run the training notebook.',
  properties: {
    notebook: { type: 'string', pattern: '\\.ipynb$' },
    engine: { enum: ['auto', 'papermill', 'nbclient'], default: 'auto' },
    kernel: { type: 'string', minLength: 1 },
    python: { type: 'string', minLength: 1 },
    parameters: { type: 'object', default: {} },
    timeout: durationSchema,
    cell_timeout: durationSchema,
    gpu: { type: 'boolean', default: false },
  },
} as const;
