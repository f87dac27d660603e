import { durationSchema } from '../config/duration.js';
import { performanceChecksSchema, type PerformanceCheckConfig } from '../performance/config.js';

/**
 * Statistics a check can use:
 * - aggregates of the current window (threshold checks): mean, min, max, last, count, sum,
 *   median, pN (percentile, numpy's linear interpolation);
 * - pct_change: relative change (in %) of an aggregate (`of`, default mean) against the
 *   reference window;
 * - distribution checks against the reference window: psi, ks, wasserstein,
 *   wasserstein_normed, js, chi2, missing_rate, scale (|ln(d_cur / d_ref)|, d the mean absolute
 *   deviation from the median, tested by Brown–Forsythe), location (|AUC − ½|, AUC the chance a
 *   current value exceeds a reference one, tested by Mann–Whitney).
 */
export type DistributionStatistic =
  | 'psi'
  | 'ks'
  | 'wasserstein'
  | 'wasserstein_normed'
  | 'js'
  | 'chi2'
  | 'missing_rate'
  | 'scale'
  | 'location';

export interface CheckConfig {
  name?: string;
  series: string;
  /** Aggregate (mean, min, max, last, count, sum, median, p<N>), pct_change, or a distribution statistic. */
  statistic: string;
  /** Which side is bad: "below" alerts when the value falls under the thresholds, "above" when it rises over.
   * Default "below" for aggregates and pct_change; distribution statistics have a fixed side. */
  direction?: 'below' | 'above';
  warn?: number;
  alert?: number;
  /** Minimum samples in the current window for this check (overrides gate.min_samples). */
  min_samples?: number;
  /** pct_change: the aggregate whose change is measured (default mean). */
  of?: string;
  /** psi, js: number of reference-quantile bins (default 10). */
  bins?: number;
  /** Significance level of this check's test before correction (default gate.alpha). */
  alpha?: number;
  /** Effect-size checks (psi, wasserstein*, js, missing_rate, scale, location): also require a
   * significant test (KS for numbers, Brown–Forsythe for scale, Mann–Whitney for location,
   * chi-square for categories) before warning or
   * alerting. Default true. */
  significance?: boolean;
  /** Require the change in at least `breaches` of `windows` equal slices of the current window.
   * Distribution checks hold a warn or alert back only when the change is confined to fewer
   * slices (a spike); threshold checks need `breaches` slices at the level. */
  persistence?: { windows: number; breaches: number };
  /** psi, js, wasserstein, wasserstein_normed, missing_rate, scale, location: "auto" estimates warn/alert from
   * slices of the reference window (the default when neither warn nor alert is set); "fixed"
   * uses the documented fixed levels. */
  thresholds?: 'auto' | 'fixed';
  /** ks, chi2: from full_power_samples on, a p-value alone reaches at most warn; alert also
   * needs this effect size (ks: the KS distance D, default 0.05; chi2: Cohen's w, default 0.1). */
  min_effect?: number;
}

export interface GateConfig {
  /** Below this many samples in the current window a check is "insufficient", never "alert". */
  min_samples: number;
  /** Drift checks on series; empty in a performance-only policy. */
  checks: CheckConfig[];
  /** Checks on realized performance (metrics.predictions joined with labels). */
  performance?: PerformanceCheckConfig[];
  /** What decides: every check (default), or the performance checks alone (drift is reported). */
  decide_on?: 'all' | 'performance';
  /** What a warning does: report only (default), open/update an issue, or retrain. */
  on_warn: 'report' | 'issue' | 'retrain';
  /** Retrain when the champion is older than this, whatever the drift. */
  max_model_age?: string | number;
  /** Evaluate and report, never trigger a retrain. */
  dry_run: boolean;
  /** Distribution checks: fewer samples (min of both windows) than this → insufficient. Default 100. */
  distribution_min_samples?: number;
  /** Distribution checks: below this many samples the worst status is warn. Default 1000. */
  full_power_samples?: number;
  /** Significance level of the distribution tests (default 0.05). */
  alpha?: number;
  /** Multiple-testing correction across the distribution checks (default bonferroni): alpha is the
   * family-wise error of the gate's tests. */
  correction?: 'bonferroni' | 'none';
  /** Series whose distribution alert alerts the gate on its own. Setting this (or drift_share)
   * switches distribution checks to the dataset rule. */
  critical_series?: string[];
  /** Dataset rule: the gate alerts when at least this share of the evaluated series alert
   * (default 0.5 once the rule is on). Without it and critical_series, any alert alerts. */
  drift_share?: number;
  /** Finite samples per window up to which order statistics (KS, Wasserstein, quantile bins)
   * are exact; larger windows are summarized by a quantile sketch and each approximate value
   * carries its error bound. Default 10 000 000. */
  exact_max_samples?: number;
  /** Auto thresholds: how many standard deviations of the no-change spread above its mean
   * warn (default 3) and alert (default 3.5). */
  auto_thresholds?: { warn?: number; alert?: number };
  /** Runs in a row without usable data (insufficient) before the run reports `severity`
   * (default warn after 3 runs); escalate_after 0 or false turns it off. */
  no_data?: { escalate_after?: number | false; severity?: 'warn' | 'alert' };
}

export const AGGREGATE_PATTERN = 'mean|min|max|last|count|sum|median|p\\d{1,2}(\\.\\d+)?';
const STATISTIC_PATTERN = `^(${AGGREGATE_PATTERN}|pct_change|psi|ks|wasserstein|wasserstein_normed|js|chi2|missing_rate|scale|location)$`;

export const gateSchema = {
  type: 'object',
  additionalProperties: false,
  description:
    'The gate: drift checks on series and performance checks on the prediction log, with warn/alert thresholds and what each severity does.',
  properties: {
    performance: performanceChecksSchema,
    decide_on: {
      enum: ['all', 'performance'],
      default: 'all',
      description:
        'all: every check decides; performance: only gate.performance decides, drift checks are reported',
    },
    min_samples: { type: 'integer', minimum: 1, default: 30 },
    on_warn: { enum: ['report', 'issue', 'retrain'], default: 'report' },
    max_model_age: durationSchema,
    dry_run: { type: 'boolean', default: false },
    distribution_min_samples: { type: 'integer', minimum: 1 },
    full_power_samples: { type: 'integer', minimum: 1 },
    exact_max_samples: { type: 'integer', minimum: 1000 },
    alpha: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    correction: { enum: ['bonferroni', 'none'] },
    critical_series: { type: 'array', items: { type: 'string', minLength: 1 } },
    drift_share: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    auto_thresholds: {
      type: 'object',
      additionalProperties: false,
      properties: {
        warn: { type: 'number', exclusiveMinimum: 0 },
        alert: { type: 'number', exclusiveMinimum: 0 },
      },
    },
    no_data: {
      type: 'object',
      additionalProperties: false,
      description:
        'Escalate when the gate has no usable data (insufficient) for escalate_after runs in a row; 0 or false turns it off.',
      properties: {
        // Checked in validate-config.ts, which says what is allowed: an integer ≥ 0 or false.
        escalate_after: {
          description: 'Runs in a row: an integer ≥ 0, or false (0 and false turn it off).',
          default: 3,
        },
        severity: { enum: ['warn', 'alert'], default: 'warn' },
      },
    },
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
          statistic: { type: 'string', pattern: STATISTIC_PATTERN },
          direction: { enum: ['below', 'above'] },
          warn: { type: 'number' },
          alert: { type: 'number' },
          min_samples: { type: 'integer', minimum: 1 },
          of: { type: 'string', pattern: `^(${AGGREGATE_PATTERN})$` },
          bins: { type: 'integer', minimum: 2, maximum: 1000 },
          alpha: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
          significance: { type: 'boolean' },
          thresholds: { enum: ['auto', 'fixed'] },
          min_effect: { type: 'number', minimum: 0 },
          persistence: {
            type: 'object',
            additionalProperties: false,
            required: ['windows', 'breaches'],
            properties: {
              windows: { type: 'integer', minimum: 1, maximum: 1000 },
              breaches: { type: 'integer', minimum: 1 },
            },
          },
        },
      },
    },
  },
} as const;
