import { smokeSchema, type SmokeConfig } from './smoke-config.js';

export interface MetricPolicy {
  /** Whether larger values are better. */
  direction: 'higher' | 'lower';
  /** Absolute minimum the challenger must reach, champion or not (the usual bound of a higher-is-better metric). */
  floor?: number;
  /** Absolute maximum the challenger may reach, champion or not (the usual bound of a lower-is-better metric). */
  ceiling?: number;
  /** Primary metric: minimum absolute improvement over the champion (default 0: not worse). */
  min_change?: number;
  /** Primary metric: minimum improvement relative to the champion's value (0.01 = 1 %). */
  min_relative_change?: number;
  /** Guard metric: largest absolute regression allowed against the champion. */
  tolerance?: number;
  /** Guard metric: largest regression allowed relative to the champion's value (0.05 = 5 %). */
  relative_tolerance?: number;
}

/**
 * enforce: the verdict decides. dry_run: every rule runs and is reported, nothing is blocked.
 * shadow: a passing challenger is published as a new version but the alias is not moved.
 */
export type ValidateMode = 'enforce' | 'dry_run' | 'shadow';

export type SignificanceTest = 'mcnemar' | 'bootstrap' | 'none';

export interface SignificanceConfig {
  test: SignificanceTest;
  /** Significance level: p-value threshold and 1 - confidence of the bootstrap interval. */
  level: number;
  /** Reject an improvement that is not significant at `level`. */
  required: boolean;
  /** Bootstrap resamples. */
  resamples: number;
  /** Bootstrap seed: the same seed and predictions give the same interval. */
  seed: number;
  /** Per-example metric computed from the predictions file (default: the primary metric's name). */
  metric?: string;
}

export interface ValidateConfig {
  /** The metric that decides promotion. */
  primary: string;
  /** Policy per metric: the primary, and guards that may not regress beyond their tolerance. */
  metrics: Record<string, MetricPolicy>;
  mode?: ValidateMode;
  significance?: SignificanceConfig;
  /** Serving check run against the challenger before publishing (smoke-config.ts). */
  smoke?: SmokeConfig;
}

export const defaultSignificance: SignificanceConfig = {
  test: 'none',
  level: 0.05,
  required: false,
  resamples: 2000,
  seed: 1,
};

export const validateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['primary', 'metrics'],
  description: 'Champion vs challenger policy.',
  properties: {
    primary: {
      type: 'string',
      minLength: 1,
      description: 'The metric that decides promotion; it needs a policy under `metrics`.',
    },
    mode: {
      enum: ['enforce', 'dry_run', 'shadow'],
      default: 'enforce',
      description:
        'enforce: the verdict decides; dry_run: rules are evaluated and reported but never block; shadow: a passing challenger is published without moving the alias.',
    },
    metrics: {
      type: 'object',
      minProperties: 1,
      description:
        'Policy per metric (keys are the names in metrics.json). The primary uses min_change / min_relative_change; the others are guards checked with tolerance / relative_tolerance.',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['direction'],
        properties: {
          direction: {
            enum: ['higher', 'lower'],
            description: 'Whether larger values are better.',
          },
          floor: { type: 'number', description: 'Absolute minimum the challenger must reach.' },
          ceiling: { type: 'number', description: 'Absolute maximum the challenger may reach.' },
          min_change: {
            type: 'number',
            minimum: 0,
            description: 'Primary: minimum absolute improvement over the champion (default 0).',
          },
          min_relative_change: {
            type: 'number',
            minimum: 0,
            description: 'Primary: minimum improvement relative to the champion (0.01 = 1 %).',
          },
          tolerance: {
            type: 'number',
            minimum: 0,
            description: 'Guard: largest absolute regression allowed against the champion.',
          },
          relative_tolerance: {
            type: 'number',
            minimum: 0,
            description: 'Guard: largest regression relative to the champion (0.05 = 5 %).',
          },
        },
      },
    },
    smoke: smokeSchema,
    significance: {
      type: 'object',
      additionalProperties: false,
      description:
        'Statistical test of the primary metric difference on the per-example predictions file.',
      default: {},
      properties: {
        test: { enum: ['mcnemar', 'bootstrap', 'none'], default: 'none' },
        level: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.05 },
        required: {
          type: 'boolean',
          default: false,
          description: 'Reject an improvement that is not significant at `level`.',
        },
        resamples: { type: 'integer', minimum: 100, maximum: 1000000, default: 2000 },
        seed: { type: 'integer', minimum: 0, default: 1 },
        metric: {
          enum: ['accuracy', 'error_rate', 'f1_macro', 'mae', 'mse', 'rmse', 'r2'],
          description:
            "Metric computed per resample from the predictions (default: the primary metric's name).",
        },
      },
    },
  },
} as const;
