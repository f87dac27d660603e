import { UserError } from '../errors.js';
import type { MetricsResult, Series } from '../metrics/types.js';
import { evaluateAggregateCheck, evaluatePctChangeCheck } from './aggregate-check.js';
import { isAggregate, percentileOf } from './aggregate.js';
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
import type { KeyedWindow } from './stats/keyed-window.js';
import { DEFAULT_EXACT_MAX } from './stats/numeric-summary.js';
import { edgeProbabilities } from './stats/quantile.js';
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
  const keyedWindows = new Map<Float64Array, KeyedWindow>();
  const sort: Sorter = Object.assign((values: Float64Array): Cleaned => cache.of(values), {
    peek: (values: Float64Array) => cache.peek(values),
    keyed: (values: Float64Array) => keyedWindows.get(values),
  });
  const profiles = new Map<string, Profile | null>();
  const profileOf = (series: string): Profile | null => {
    if (!profiles.has(series)) {
      const cur = metrics.current.series[series];
      const ref = metrics.reference?.series[series];
      const p =
        cur && ref
          ? buildProfile(
              ref,
              cur,
              sort,
              config.exact_max_samples ?? DEFAULT_EXACT_MAX,
              keyedAllowed(config, series, metrics, draws),
            )
          : null;
      if (p?.kind === 'keyed' && cur && ref) {
        keyedWindows.set(ref.values, p.ref);
        keyedWindows.set(cur.values, p.cur);
        hintKeys(config, series, p);
      }
      profiles.set(series, p);
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

/** Statistics a keyed profile measures exactly (the others need the sorted windows). */
const KEYED: ReadonlySet<string> = new Set([
  'ks',
  'wasserstein',
  'wasserstein_normed',
  'psi',
  'js',
  'chi2',
  'missing_rate',
]);

/**
 * Whether a series' windows may be compared on a key grid instead of sorted: every check on it
 * is a statistic the grid gives exactly (aggregates included), and none draws auto thresholds
 * from the reference (draws sort sub-windows against the sorted whole).
 */
function keyedAllowed(
  config: GateConfig,
  series: string,
  metrics: MetricsResult,
  draws: DrawCache,
): boolean {
  const reference = metrics.reference?.series[series];
  const refWindow = metrics.reference;
  if (!reference || !refWindow) return false;
  return config.checks.every((c) => {
    if (c.series !== series || !isDistribution(c.statistic)) return true;
    const d = c as DistCheck;
    if (!KEYED.has(d.statistic)) return false;
    if (!wantsAuto(d) || d.statistic === 'missing_rate') return true;
    return draws.draws(reference, refWindow.range, metrics.current.range).length === 0;
  });
}

/**
 * The keys the series' bins and percentiles will read, so the first pass that sorts keys (the
 * KS/Wasserstein walk's) sorts them too: one pass over each window instead of one per statistic.
 */
function hintKeys(config: GateConfig, series: string, p: Profile & { kind: 'keyed' }): void {
  for (const c of config.checks) {
    if (c.series !== series) continue;
    if (c.statistic === 'psi' || c.statistic === 'js' || c.statistic === 'chi2') {
      const keys = p.ref.quantileKeys(edgeProbabilities(c.bins ?? 10));
      p.ref.hint(keys);
      p.cur.hint(keys); // the edges are reference values: their keys, in the current window
    }
    const q = percentileOf(c.statistic === 'pct_change' ? (c.of ?? '') : c.statistic);
    if (q !== null) {
      p.ref.hint(p.ref.quantileKeys([q]));
      p.cur.hint(p.cur.quantileKeys([q]));
    }
  }
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
