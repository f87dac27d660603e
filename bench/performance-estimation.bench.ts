/**
 * performance-estimation: label-free estimates against the realized truth on simulated logs
 * (bench/performance-estimation-sim.ts), next to ATC and to "assume the reference's value" on
 * the same windows. One case per (scenario, n); it prints one line per metric with exactly the
 * fields: bench, scenario, n, metric, mae, coverage, unreliable_rate, realized_outside_rate,
 * baseline_mae, atc_mae (accuracy only; null elsewhere), replicates.
 *
 * coverage: the realized value inside the estimate's 95 % interval; realized_outside_rate: the
 * realized value, once labels arrive, outside the stored interval (what the estimated-vs-
 * realized record reports; 1 − coverage, as a rate of gaps found).
 *
 * Environment: PERF_EST_REPLICATES (default 500), PERF_EST_N and PERF_EST_SCENARIOS (comma
 * lists), PERF_EST_DRAWS (label draws per interval, default 200), PERF_EST_SEED (default 1).
 */
import { labelMetrics } from '../src/performance/estimate/confusion.js';
import { fitEstimator } from '../src/performance/estimate/estimator.js';
import { ESTIMATED_METRICS, type EstimatedMetricName } from '../src/performance/estimate/types.js';
import type { Bench, BenchCase } from './harness.js';
import { Rng, SCENARIOS, simulate, SIZES_N, type Scenario } from './performance-estimation-sim.js';

const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const scenarios = (list(process.env.PERF_EST_SCENARIOS) ?? [...SCENARIOS]) as Scenario[];
const ns = (list(process.env.PERF_EST_N) ?? SIZES_N.map(String)).map(Number);
const replicates = Number(process.env.PERF_EST_REPLICATES ?? 500);
const draws = Number(process.env.PERF_EST_DRAWS ?? 200);
const seed = Number(process.env.PERF_EST_SEED ?? 1);

const round = (x: number) => Math.round(x * 1e5) / 1e5;

interface Tally {
  err: number;
  covered: number;
  outside: number;
  baseErr: number;
  atcErr: number;
  count: number;
}

export function runCase(scenario: Scenario, n: number, reps: number): Record<string, unknown>[] {
  const tally = new Map<EstimatedMetricName, Tally>(
    ESTIMATED_METRICS.map((m) => [
      m,
      { err: 0, covered: 0, outside: 0, baseErr: 0, atcErr: 0, count: 0 },
    ]),
  );
  let unreliable = 0;
  for (let r = 0; r < reps; r++) {
    const rng = new Rng(
      (seed * 1_000_003 + n * 7919 + SCENARIOS.indexOf(scenario) * 104_729 + r) | 0,
    );
    const { reference, current } = simulate(scenario, n, rng);
    const est = fitEstimator(reference, ['0', '1'], { draws, seed: r + 1 }).estimate(current);
    const realized = labelMetrics(current.labels, current.predicted, current.scores);
    if (!est.reliability.reliable) unreliable++;
    for (const m of est.metrics) {
      const truth = realized.values[m.metric];
      if (truth === null || m.value === null || m.interval === null || m.reference === null)
        continue;
      const t = tally.get(m.metric)!;
      t.count++;
      t.err += Math.abs(m.value - truth);
      t.baseErr += Math.abs(m.reference - truth);
      if (m.metric === 'accuracy') t.atcErr += Math.abs(est.atc.accuracy - truth);
      if (truth >= m.interval[0] && truth <= m.interval[1]) t.covered++;
      else t.outside++;
    }
  }
  return ESTIMATED_METRICS.map((m) => {
    const t = tally.get(m)!;
    const c = Math.max(t.count, 1);
    return {
      bench: 'performance-estimation',
      scenario,
      n,
      metric: m,
      mae: round(t.err / c),
      coverage: round(t.covered / c),
      unreliable_rate: round(unreliable / reps),
      realized_outside_rate: round(t.outside / c),
      baseline_mae: round(t.baseErr / c),
      atc_mae: m === 'accuracy' ? round(t.atcErr / c) : null,
      replicates: t.count,
    };
  });
}

export const benches: Bench[] = [
  {
    name: 'performance-estimation',
    sizes: scenarios.flatMap((s) => ns.map((n) => `${s}/${n}`)),
    run(size): Promise<BenchCase> {
      const [scenario, nText] = String(size).split('/') as [Scenario, string];
      const t0 = process.hrtime.bigint();
      const lines = runCase(scenario, Number(nText), replicates);
      const ours_s = Number(process.hrtime.bigint() - t0) / 1e9;
      return Promise.resolve({ ours_s, peer: null, peer_s: null, exact: lines });
    },
  },
];
