import { pathToField } from '../config/validate-schema.js';
import { UserError } from '../errors.js';
import { isAggregate } from './aggregate.js';
import { supportsAuto } from './auto-thresholds.js';
import type { CheckConfig, DistributionStatistic, GateConfig } from './config.js';
import { isDistribution, isPValueCheck } from './measure.js';

export interface GateConfigProblem {
  /** e.g. ["gate", "checks", 0, "direction"] */
  path: (string | number)[];
  message: string;
}

const EFFECT_WITH_DEFAULTS = new Set([
  'psi',
  'wasserstein_normed',
  'js',
  'missing_rate',
  'scale',
  'location',
]);
const BINNED = new Set(['psi', 'js', 'chi2']);

/**
 * Rules of the gate section that JSON Schema cannot say, in the shape config/semantics.ts
 * returns: the first problem, naming the field, or null. Needs no data, so it can run when the
 * config is loaded; evaluateGate runs it too.
 */
export function gateConfigProblem(config: GateConfig): GateConfigProblem | null {
  for (const key of ['alpha', 'drift_share'] as const) {
    const v = config[key];
    if (v !== undefined && !Number.isFinite(v))
      return { path: ['gate', key], message: `${String(v)} is not a finite number` };
  }
  for (const key of ['warn', 'alert'] as const) {
    const v = config.auto_thresholds?.[key];
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) {
      return {
        path: ['gate', 'auto_thresholds', key],
        message: `${String(v)} is not a positive number of standard deviations, e.g. ${key === 'warn' ? 3 : 5}`,
      };
    }
  }
  const { warn: autoWarn, alert: autoAlert } = config.auto_thresholds ?? {};
  if (autoWarn !== undefined && autoAlert !== undefined && autoAlert < autoWarn) {
    return {
      path: ['gate', 'auto_thresholds', 'alert'],
      message: `alert (${autoAlert}) is below warn (${autoWarn}): alert must be the stricter level`,
    };
  }
  const exactMax = config.exact_max_samples;
  if (exactMax !== undefined && !(Number.isInteger(exactMax) && exactMax >= 1000)) {
    return {
      path: ['gate', 'exact_max_samples'],
      message: `${String(exactMax)} is not a sample count ≥ 1000; use e.g. 10000000 (windows above it are summarized by a quantile sketch)`,
    };
  }
  const after = config.no_data?.escalate_after;
  if (after !== undefined && after !== false && !(Number.isInteger(after) && after >= 0)) {
    return {
      path: ['gate', 'no_data', 'escalate_after'],
      message: `${String(after)} is not a number of runs: use a whole number (e.g. 3), or 0 or false to turn it off`,
    };
  }
  for (const [i, check] of config.checks.entries()) {
    const p = checkProblem(check);
    if (p) return { path: ['gate', 'checks', i, ...p.path], message: p.message };
  }
  const checked = new Set(
    config.checks.filter((c) => isDistribution(c.statistic)).map((c) => c.series),
  );
  for (const [k, s] of (config.critical_series ?? []).entries()) {
    if (!checked.has(s)) {
      return {
        path: ['gate', 'critical_series', k],
        message: `"${s}" has no distribution check (psi, ks, wasserstein, js, chi2, missing_rate, scale, location); add one or remove it`,
      };
    }
  }
  return null;
}

function checkProblem(check: CheckConfig): GateConfigProblem | null {
  const stat = check.statistic;
  const dist = isDistribution(stat);
  if (!dist && !isAggregate(stat) && stat !== 'pct_change') {
    return {
      path: ['statistic'],
      message: `"${stat}" is not a known statistic; use an aggregate (mean, min, max, last, count, sum, median, p95), pct_change, psi, ks, wasserstein, wasserstein_normed, js, chi2, missing_rate, scale or location`,
    };
  }
  for (const key of ['warn', 'alert', 'alpha'] as const) {
    const v = check[key];
    if (v !== undefined && !Number.isFinite(v)) {
      return { path: [key], message: `${String(v)} is not a finite number; give a number` };
    }
  }
  if (check.min_effect !== undefined && !isPValueCheck(stat as DistributionStatistic)) {
    return { path: ['min_effect'], message: '"min_effect" applies only to ks and chi2' };
  }
  if (
    check.min_effect !== undefined &&
    !(Number.isFinite(check.min_effect) && check.min_effect >= 0)
  ) {
    return {
      path: ['min_effect'],
      message: `${String(check.min_effect)} is not a finite number ≥ 0`,
    };
  }
  if (check.thresholds !== undefined && !supportsAuto(stat as DistributionStatistic)) {
    return {
      path: ['thresholds'],
      message:
        '"thresholds" applies only to psi, js, wasserstein, wasserstein_normed, missing_rate, scale and location',
    };
  }
  if (check.thresholds === 'auto' && (check.warn !== undefined || check.alert !== undefined)) {
    return {
      path: ['thresholds'],
      message:
        'thresholds: auto estimates warn and alert from the reference; remove "warn"/"alert" or use thresholds: fixed',
    };
  }
  const autoRaw = stat === 'wasserstein' && check.thresholds === 'auto';
  if (
    check.warn === undefined &&
    check.alert === undefined &&
    !EFFECT_WITH_DEFAULTS.has(stat) &&
    !autoRaw
  ) {
    if (!dist || stat === 'wasserstein') {
      return {
        path: [],
        message:
          stat === 'wasserstein'
            ? 'wasserstein is in the series\' own units and has no default threshold; set "warn" and/or "alert" (or use wasserstein_normed)'
            : 'set at least one of "warn" or "alert"',
      };
    }
  }
  if (dist && check.direction !== undefined) {
    return {
      path: ['direction'],
      message: `${stat} has a fixed side (a larger distance, or a smaller p-value, is worse); remove "direction"`,
    };
  }
  if (dist && isPValueCheck(stat)) {
    for (const key of ['warn', 'alert'] as const) {
      const v = check[key];
      if (v !== undefined && !(v > 0 && v < 1)) {
        return {
          path: [key],
          message: `${stat} compares a p-value: use a level between 0 and 1, e.g. 0.01`,
        };
      }
    }
  }
  if (dist && !isPValueCheck(stat)) {
    for (const key of ['warn', 'alert'] as const) {
      const v = check[key];
      if (v !== undefined && v < 0) {
        return {
          path: [key],
          message: `${v} is negative; ${stat} alerts when it reaches the level, so a negative level always fires: use a level above 0`,
        };
      }
    }
  }
  const inverted = invertedLevels(check);
  if (inverted) return { path: ['alert'], message: inverted };
  if (check.of !== undefined && stat !== 'pct_change') {
    return { path: ['of'], message: '"of" applies only to statistic pct_change' };
  }
  if (check.bins !== undefined && !BINNED.has(stat)) {
    return { path: ['bins'], message: '"bins" applies only to psi, js and chi2' };
  }
  if (check.significance !== undefined && (!dist || isPValueCheck(stat))) {
    return {
      path: ['significance'],
      message:
        '"significance" applies only to psi, wasserstein, wasserstein_normed, js, missing_rate, scale and location',
    };
  }
  if (check.persistence && check.persistence.breaches > check.persistence.windows) {
    return {
      path: ['persistence'],
      message: `breaches (${check.persistence.breaches}) cannot exceed windows (${check.persistence.windows})`,
    };
  }
  return null;
}

/** alert must be the stricter of the two levels on the check's bad side. */
function invertedLevels(check: CheckConfig): string | null {
  const { warn, alert } = check;
  if (warn === undefined || alert === undefined) return null;
  const stat = check.statistic;
  let lowerIsWorse: boolean;
  if (isDistribution(stat)) lowerIsWorse = isPValueCheck(stat);
  else lowerIsWorse = (check.direction ?? 'below') === 'below';
  if (lowerIsWorse ? alert <= warn : alert >= warn) return null;
  const side = lowerIsWorse ? 'lower' : 'higher';
  return `alert (${alert}) and warn (${warn}) are inverted: ${stat}${isDistribution(stat) ? '' : ` (direction ${check.direction ?? 'below'})`} is worse when ${side}, so alert must be ${side === 'lower' ? 'at or below' : 'at or above'} warn`;
}

/** Throws the first problem as a UserError ("gate.checks[2].direction: …"). */
export function assertGateConfig(config: GateConfig): void {
  const p = gateConfigProblem(config);
  if (p) throw new UserError(`${pathToField(p.path)}: ${p.message}`);
}
