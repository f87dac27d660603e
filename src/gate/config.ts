import { durationSchema } from '../config/duration.js';

export interface CheckConfig {
  name?: string;
  series: string;
  /** Aggregate (mean, min, max, last, count, p<N>) or, later, a distribution statistic. */
  statistic: string;
  /** Which side is bad: "below" alerts when the value falls under the thresholds, "above" when it rises over. */
  direction?: 'below' | 'above';
  warn?: number;
  alert?: number;
  /** Minimum samples in the current window for this check (overrides gate.min_samples). */
  min_samples?: number;
}

export interface GateConfig {
  /** Below this many samples in the current window a check is "insufficient", never "alert". */
  min_samples: number;
  checks: CheckConfig[];
  /** What a warning does: report only (default), open/update an issue, or retrain. */
  on_warn: 'report' | 'issue' | 'retrain';
  /** Retrain when the champion is older than this, whatever the drift. */
  max_model_age?: string | number;
  /** Evaluate and report, never trigger a retrain. */
  dry_run: boolean;
}

export const gateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['checks'],
  description: 'The drift gate: checks with warn/alert thresholds and what each severity does.',
  properties: {
    min_samples: { type: 'integer', minimum: 1, default: 30 },
    on_warn: { enum: ['report', 'issue', 'retrain'], default: 'report' },
    max_model_age: durationSchema,
    dry_run: { type: 'boolean', default: false },
    checks: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['series', 'statistic'],
        properties: {
          name: { type: 'string', minLength: 1 },
          series: { type: 'string', minLength: 1 },
          statistic: {
            type: 'string',
            pattern: '^(mean|min|max|last|count|median|p\\d{1,2}(\\.\\d+)?)$',
          },
          direction: { enum: ['below', 'above'] },
          warn: { type: 'number' },
          alert: { type: 'number' },
          min_samples: { type: 'integer', minimum: 1 },
        },
      },
    },
  },
} as const;
