import { UserError } from '../errors.js';
import type { CheckConfig, DistributionStatistic, GateConfig } from './config.js';
import { fmt } from './format.js';
import { isPValueCheck, type Measured } from './measure.js';
import { checkName } from './naming.js';
import type { AutoOutcome } from './auto-thresholds.js';
import { classify } from './threshold.js';
import type { CheckResult } from './types.js';

/**
 * Default thresholds (drift.md §5): PSI 0.10/0.25 (the credit-scoring convention), normed
 * Wasserstein 0.1/0.2 (Evidently's 0.1 as warn), Jensen–Shannon base 2 0.1/0.2, missing-rate
 * increase of 5/20 percentage points. Raw Wasserstein is in the series' units: no default.
 */
const EFFECT_DEFAULTS: Partial<Record<DistributionStatistic, { warn: number; alert: number }>> = {
  psi: { warn: 0.1, alert: 0.25 },
  wasserstein_normed: { warn: 0.1, alert: 0.2 },
  js: { warn: 0.1, alert: 0.2 },
  missing_rate: { warn: 0.05, alert: 0.2 },
  scale: { warn: 0.1, alert: 0.2 },
  // |AUC − ½| of 0.05/0.1: a shift of about 0.18σ/0.36σ of a normal series
  location: { warn: 0.05, alert: 0.1 },
};

export const DEFAULT_ALPHA = 0.05;
/** Effect floors for an alert from a p-value check at full power: KS D, and Cohen's w. */
export const DEFAULT_MIN_EFFECT = { ks: 0.05, chi2: 0.1 } as const;

/** The effect size behind a p-value check: KS D, or Cohen's w = √(χ²·(1/n₁ + 1/n₂)). */
function pValueEffect(stat: 'ks' | 'chi2', m: Measured): number {
  const d = m.detail;
  if (stat === 'ks') return Number(d.statistic);
  const { current, reference } = m.samples;
  return Math.sqrt(Number(d.chi2) * (1 / current + 1 / reference));
}
export const DEFAULT_DISTRIBUTION_MIN_SAMPLES = 100;
export const DEFAULT_FULL_POWER_SAMPLES = 1000;

export function distributionMinSamples(config: GateConfig, check: CheckConfig): number {
  return check.min_samples ?? config.distribution_min_samples ?? DEFAULT_DISTRIBUTION_MIN_SAMPLES;
}

/** Thresholds a distribution check compares against, before the multiple-testing correction. */
export function effectThresholds(
  check: CheckConfig & { statistic: DistributionStatistic },
  index: number,
  config: GateConfig,
): { warn?: number; alert?: number } {
  if (isPValueCheck(check.statistic)) {
    // A p-value alone warns at α by default and alerts only when asked: at large n any
    // negligible shift is "significant" (drift.md §5).
    return { warn: check.warn ?? check.alpha ?? config.alpha ?? DEFAULT_ALPHA, alert: check.alert };
  }
  const d = EFFECT_DEFAULTS[check.statistic];
  if (check.warn === undefined && check.alert === undefined) {
    if (!d) {
      throw new UserError(
        `gate.checks[${index}]: ${check.statistic} is in the series' own units and has no default threshold; set "warn" and/or "alert"`,
      );
    }
    return d;
  }
  return { warn: check.warn, alert: check.alert };
}

/** Fixed levels, or none for a raw Wasserstein whose auto thresholds could not be estimated. */
function fixedOrNone(
  check: CheckConfig & { statistic: DistributionStatistic },
  index: number,
  config: GateConfig,
): { warn?: number; alert?: number } {
  if (check.statistic === 'wasserstein' && check.warn === undefined && check.alert === undefined)
    return {};
  return effectThresholds(check, index, config);
}

export interface JudgeContext {
  config: GateConfig;
  /** Number of series tested (Bonferroni's m); 1 when the correction is off. */
  tests: number;
  /** Auto thresholds for this comparison, or why they fell back to the fixed levels. */
  auto?: AutoOutcome;
  /** Persistence slices: samples and significance come from the whole window. */
  regime?: { n: number; pvalue: number };
}

/**
 * Turns a measurement into a status:
 * - fewer than the minimum samples (min of both windows) → insufficient;
 * - between that and full_power_samples → warn at most: warn when the effect reaches a level
 *   and the corrected test rejects;
 * - above → the effect size against its thresholds, AND the corrected test must reject
 *   (unless `significance: false`). p-value checks compare p against α/m directly.
 */
export function judgeDistribution(
  check: CheckConfig & { statistic: DistributionStatistic },
  index: number,
  m: Measured,
  ctx: JudgeContext,
): CheckResult {
  const { config, tests, auto, regime } = ctx;
  const pCheck = isPValueCheck(check.statistic);
  const autoLevels = auto && 'levels' in auto ? auto.levels : undefined;
  const raw = autoLevels ?? fixedOrNone(check, index, config);
  const correct = (t: number | undefined) => (t === undefined || !pCheck ? t : t / tests);
  const warn = correct(raw.warn);
  const alert = correct(raw.alert);
  const alpha = check.alpha ?? config.alpha ?? DEFAULT_ALPHA;
  const level = alpha / tests;
  const minN = distributionMinSamples(config, check);
  const fullN = config.full_power_samples ?? DEFAULT_FULL_POWER_SAMPLES;
  const result: CheckResult = {
    name: checkName(check),
    series: check.series,
    statistic: check.statistic,
    value: m.value,
    op: pCheck ? '<' : '>=',
    ...(warn !== undefined ? { warn } : {}),
    ...(alert !== undefined ? { alert } : {}),
    status: 'insufficient',
    samples: m.samples,
    detail: {
      ...m.detail,
      alpha: level,
      tests,
      ...(autoLevels
        ? {
            thresholds: 'auto',
            auto_draws: autoLevels.draws,
            auto_mean: autoLevels.mean,
            auto_sd: autoLevels.sd,
            ...(autoLevels.rankError !== undefined
              ? { auto_draws_from: 'hour sketches', auto_rank_error: autoLevels.rankError }
              : {}),
          }
        : auto
          ? { thresholds: 'fixed', auto_fallback: 'fallback' in auto ? auto.fallback : null }
          : {}),
    },
  };
  if (warn === undefined && alert === undefined && !pCheck) {
    const why = auto && 'fallback' in auto ? auto.fallback : 'no thresholds';
    return { ...result, note: `no thresholds to compare with: ${why}; set "warn" and/or "alert"` };
  }
  if (m.value === null || Number.isNaN(m.value) || Number.isNaN(m.pvalue)) {
    return { ...result, note: m.note ?? 'statistic undefined for these windows' };
  }
  const n = regime?.n ?? m.n;
  const pvalue = regime?.pvalue ?? m.pvalue;
  if (n < minN) return { ...result, note: `${n} samples < min_samples ${minN}` };
  const significant = pvalue < level;
  const guarded = !pCheck && check.significance !== false;
  if (n < fullN) {
    const note = `warn at most below ${fullN} samples (p = ${fmt(pvalue)}, level ${fmt(level)})`;
    if (guarded) {
      // A warning is held to the discipline of an alert: the effect must reach a level (the
      // auto levels carry the series' own noise) and the test must reject.
      const big = classify(m.value, result.op, warn, alert) !== 'ok';
      return { ...result, status: significant && big ? 'warn' : 'ok', note };
    }
    const s = classify(m.value, result.op, warn, alert);
    return { ...result, status: s === 'alert' ? 'warn' : s, note };
  }
  const status = classify(m.value, result.op, warn, alert);
  if (status === 'alert' && pCheck) {
    const stat = check.statistic as 'ks' | 'chi2';
    const effect = pValueEffect(stat, m);
    const floor = check.min_effect ?? DEFAULT_MIN_EFFECT[stat];
    const name = stat === 'ks' ? 'KS D' : "Cohen's w";
    if (!(effect >= floor)) {
      return {
        ...result,
        status: 'warn',
        detail: { ...result.detail, effect, min_effect: floor },
        note: `capped at warn: p = ${fmt(m.value)} but ${name} = ${fmt(effect)} < min_effect ${fmt(floor)} (at ${m.n} samples any negligible change is significant)`,
      };
    }
  }
  if (status !== 'ok' && guarded && !significant) {
    return {
      ...result,
      status: 'ok',
      note: `not significant (p = ${fmt(pvalue)}, needs < ${fmt(level)})`,
    };
  }
  return { ...result, status };
}
