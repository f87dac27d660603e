import { UserError } from '../errors.js';
import type { MetricsResult } from '../metrics/types.js';
import { evaluateAggregateCheck, evaluatePctChangeCheck } from './aggregate-check.js';
import { isAggregate } from './aggregate.js';
import type { CheckConfig, GateConfig } from './config.js';
import type { CheckResult } from './types.js';

/** Evaluates every configured check against the windows; pure. */
export function evaluateChecks(config: GateConfig, metrics: MetricsResult): CheckResult[] {
  return config.checks.map((check, i) => evaluateCheck(config, check, i, metrics));
}

function evaluateCheck(
  config: GateConfig,
  check: CheckConfig,
  index: number,
  metrics: MetricsResult,
): CheckResult {
  const minSamples = check.min_samples ?? config.min_samples ?? 30;
  const current = metrics.current.series[check.series];
  const reference = metrics.reference?.series[check.series];
  if (isAggregate(check.statistic)) return evaluateAggregateCheck(check, current, minSamples);
  if (check.statistic === 'pct_change')
    return evaluatePctChangeCheck(check, current, reference, minSamples);
  throw new UserError(
    `gate.checks[${index}].statistic: "${check.statistic}" is not a known statistic; use an aggregate (mean, min, max, last, count, sum, median, p95), pct_change, psi, ks, wasserstein, wasserstein_normed, js, chi2 or missing_rate`,
  );
}
