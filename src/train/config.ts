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
  /** How long the kernel may take to start (default 60 s). */
  start_timeout?: string | number;
  /** Training data fetched before the run and passed to the notebook as a parameter. */
  data?: TrainDataConfig;
  /** Runner labels of the retrain job in a fleet (mode: plan puts them in the matrix). */
  runs_on?: string | string[];
  /** Environment variables passed to the notebook although hidden by default (tokens, inputs). */
  env?: string[];
}

export interface TrainDataConfig {
  /** s3://bucket/prefix (a folder, or one object) or a local path relative to the repository. */
  uri: string;
  /** Name of the notebook parameter that receives the local path (default data_dir). */
  parameter?: string;
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
    start_timeout: durationSchema,
    runs_on: {
      description:
        'Runner labels for this model\'s retrain job in a fleet (mode: plan): a label such as "gpu-a100" or a list such as [self-hosted, gpu].',
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
      ],
    },
    env: {
      type: 'array',
      uniqueItems: true,
      default: [],
      items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
      description:
        "Names of environment variables the notebook may see although they are hidden by default: the action's inputs (INPUT_*), GitHub and runner tokens, and the secrets the CLI reads (DATADOG_API_KEY, …). Other variables pass as they are.",
    },
    data: {
      type: 'object',
      additionalProperties: false,
      required: ['uri'],
      description: 'Training data downloaded before the run and passed as a notebook parameter.',
      properties: {
        uri: { type: 'string', minLength: 1 },
        parameter: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', default: 'data_dir' },
      },
    },
  },
} as const;
