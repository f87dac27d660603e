import { durationSchema } from '../config/duration.js';

/**
 * validate.smoke: the serving check ("infra blessing"). A command run against the challenger's
 * model folder with sample inputs from the repository; if it fails or runs out of time, the
 * challenger is rejected whatever its metrics, in every validate mode: a model the serving code
 * cannot load must not be published.
 */
export interface SmokeConfig {
  /** A shell command (run by /bin/sh -c) or an argument list (run directly), from the repository root. */
  command: string | string[];
  /** Limit for the whole command (default 5m). */
  timeout?: string | number;
}

export const smokeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['command'],
  description:
    'Serving check before publishing: a command run from the repository root against the challenger. It gets MODEL_DIR (the model folder), OUTPUT_DIR (all training outputs) and PYTHON (the training interpreter) in its environment; a non-zero exit or a timeout rejects the challenger, with its output in the summary.',
  properties: {
    command: {
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', minItems: 1, items: { type: 'string' } },
      ],
      description:
        'A shell command (e.g. "$PYTHON" serving/smoke.py samples/reviews.csv) or an argument list.',
    },
    timeout: { ...durationSchema, default: '5m' },
  },
} as const;
