import { UserError } from '../errors.js';
import type { MetricsResult, Series } from '../metrics/types.js';
import { evaluateAggregateCheck, evaluatePctChangeCheck } from './aggregate-check.js';
import { isAggregate } from './aggregate.js';
import type { CheckConfig, DistributionStatistic, GateConfig } from './config.js';
import {
  distributionMinSamples,
  effectThresholds,
  judgeDistribution,
} from './distribution-check.js';
import {
  autoLevels,
  DEFAULT_AUTO_ALERT,
  DEFAULT_AUTO_WARN,
  DrawCache,
  supportsAuto,
  type AutoOutcome,
} from './auto-thresholds.js';
import { edgesFor, isDistribution, isPValueCheck, measure, type Measured } from './measure.js';
import { checkName } from './naming.js';
import { withPersistence } from './persistence.js';
import { withEvidence } from './persistence-evidence.js';
import { buildProfile, type Profile } from './profile.js';
import { SortCache, type Cleaned, type Sorter } from './stats/clean.js';
import { DEFAULT_EXACT_MAX } from './stats/numeric-summary.js';
import { sketchEdges } from './measure-sketched.js';
import type { CheckResult } from './types.js';
import { assertGateConfig } from './validate-config.js';
import { rowsIn, withoutPersistence } from './streamed-checks.js';
import { streamedAutoLevels } from './auto-streamed.js';

type DistCheck = CheckConfig & { statistic: DistributionStatistic };

/** Evaluates every configured check against the windows; pure apart from caching sorts. */
export function evaluateChecks(config: GateConfig, metrics: MetricsResult): CheckResult[] {
  assertGateConfig(config);
  assertSeriesFetched(config, metrics);
  const cache = new SortCache();
  const draws = new DrawCache();
  const sort: Sorter = Object.assign((values: Float64Array): Cleaned => cache.of(values), {
    peek: (values: Float64Array) => cache.peek(values),
  });
  const profiles = new Map<string, Profile | null>();
  const profileOf = (series: string): Profile | null => {
    if (!profiles.has(series)) {
      const cur = metrics.current.series[series];
      const ref = metrics.reference?.series[series];
      profiles.set(
        series,
        cur && ref
          ? buildProfile(ref, cur, sort, config.exact_max_samples ?? DEFAULT_EXACT_MAX)
          : null,
      );
    }
    return profiles.get(series) ?? null;
  };

  // Measure every distribution check on the full windows first: Bonferroni's m is the number
  // of distribution checks that could actually be tested, so α is the family-wise error of
  // the whole gate (two checks on one series are two chances to cry wolf).
  const measured = new Map<number, Measured | null>();
  const tested = new Set<number>();
  config.checks.forEach((check, i) => {
    if (!isDistribution(check.statistic)) return;
    const p = profileOf(check.series);
    const m = p ? measure(check as DistCheck, i, p) : null;
    measured.set(i, m);
    if (m && m.value !== null && m.n >= distributionMinSamples(config, check)) tested.add(i);
  });
  const tests = config.correction === 'none' ? 1 : Math.max(1, tested.size);

  return config.checks.map((check, i) => {
    const full = (
      current: Series | undefined,
      m?: Measured | null,
      auto?: AutoOutcome,
    ): CheckResult => evaluateOne(config, check, i, metrics, current, m, tests, sort, auto);
    const current = metrics.current.series[check.series];
    const m = measured.get(i);
    const p = isDistribution(check.statistic) ? profileOf(check.series) : null;
    const auto = m && p ? autoFor(config, check as DistCheck, metrics, p, m, draws) : undefined;
    const result = full(current, m, auto);
    if (!check.persistence || !current) return result;
    const reference = metrics.reference?.series[check.series];
    if (current.streamed || reference?.streamed) return withoutPersistence(result);
    if (isDistribution(check.statistic)) {
      const refWindow = metrics.reference;
      if (!m || !reference || !refWindow) return result;
      return withEvidence(result, check.persistence, current, reference, metrics.current.range, {
        pvalueCheck: isPValueCheck(check.statistic as DistributionStatistic),
        measure: (cur, ref) => measure(check as DistCheck, i, buildProfile(ref, cur)),
      });
    }
    // Aggregates: a monitor's evaluation window, k of n slices at the level.
    return withPersistence(
      result,
      check.persistence,
      current,
      metrics.current.range,
      (sub) => full(sub).status,
    );
  });
}

function evaluateOne(
  config: GateConfig,
  check: CheckConfig,
  index: number,
  metrics: MetricsResult,
  current: Series | undefined,
  m: Measured | null | undefined,
  tests: number,
  sort: Sorter,
  auto?: AutoOutcome,
): CheckResult {
  const minSamples = check.min_samples ?? config.min_samples ?? 30;
  const reference = metrics.reference?.series[check.series];
  if (isAggregate(check.statistic)) return evaluateAggregateCheck(check, current, minSamples, sort);
  if (check.statistic === 'pct_change') {
    return evaluatePctChangeCheck(check, current, reference, minSamples, sort);
  }
  const dist = check as DistCheck;
  if (!m) {
    const t = effectThresholds(dist, index, config);
    return {
      name: checkName(check),
      series: check.series,
      statistic: check.statistic,
      value: null,
      op: dist.statistic === 'ks' || dist.statistic === 'chi2' ? '<' : '>=',
      ...(t.warn !== undefined ? { warn: t.warn } : {}),
      ...(t.alert !== undefined ? { alert: t.alert } : {}),
      status: 'insufficient',
      samples: { current: rowsIn(current), reference: rowsIn(reference) },
      note: !current
        ? `no data for series "${check.series}" in the current window`
        : `no reference window for series "${check.series}"`,
    };
  }
  return judgeDistribution(dist, index, m, { config, tests, ...(auto ? { auto } : {}) });
}

/** Auto thresholds apply when asked for, or by default when neither warn nor alert is set. */
export function wantsAuto(check: CheckConfig & { statistic: DistributionStatistic }): boolean {
  if (!supportsAuto(check.statistic)) return false;
  if (check.thresholds) return check.thresholds === 'auto';
  return check.warn === undefined && check.alert === undefined;
}

function autoFor(
  config: GateConfig,
  check: DistCheck,
  metrics: MetricsResult,
  p: Profile,
  m: Measured,
  cache: DrawCache,
): AutoOutcome | undefined {
  const stat = check.statistic;
  const reference = metrics.reference?.series[check.series];
  if (!wantsAuto(check) || !supportsAuto(stat) || !reference || !metrics.reference)
    return undefined;
  const input = {
    stat,
    profile: p,
    reference,
    referenceRange: metrics.reference.range,
    currentRange: metrics.current.range,
    n: m.samples,
    ...(p.kind === 'numeric' && (stat === 'psi' || stat === 'js')
      ? { edges: edgesFor(p.ref.sorted, check.bins ?? 10) }
      : p.kind === 'sketched' && (stat === 'psi' || stat === 'js')
        ? { edges: sketchEdges(p, check.bins ?? 10).edges }
        : {}),
    minSamples: distributionMinSamples(config, check),
    warnSigmas: config.auto_thresholds?.warn ?? DEFAULT_AUTO_WARN,
    alertSigmas: config.auto_thresholds?.alert ?? DEFAULT_AUTO_ALERT,
    cache,
  };
  return reference.streamed ? streamedAutoLevels(input, reference.streamed) : autoLevels(input);
}

/**
 * The metrics stage returns every configured series, empty or not; a check on a series it did
 * not return could never fire, so it is a configuration error naming what was fetched.
 */
function assertSeriesFetched(config: GateConfig, metrics: MetricsResult): void {
  const have = Object.keys(metrics.current.series);
  for (const [i, check] of config.checks.entries()) {
    if (!Object.hasOwn(metrics.current.series, check.series)) {
      throw new UserError(
        `gate.checks[${i}].series: "${check.series}" is not a series of the metrics source (${metrics.source}: ${have.map((s) => `"${s}"`).join(', ') || 'none'}); add it to metrics.series or fix the name`,
      );
    }
  }
}
