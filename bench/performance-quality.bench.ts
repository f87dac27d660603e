/**
 * performance-quality: how often the gate's default performance check (accuracy, a one-sided
 * drop test against the reference at α = 0.01) alarms with no change, and how often it catches an
 * accuracy drop of 2 and 5 points, per labelled count n, next to a fixed-floor rule (point
 * estimate below 0.87) and a plain "current < reference" rule on the same logs.
 *
 * Environment: PERF_QUALITY_REPLICATES (default 1000), PERF_QUALITY_N and
 * PERF_QUALITY_SCENARIOS (comma lists), PERF_QUALITY_SEED (default 1).
 */
import { evaluatePerformanceCheck } from '../src/gate/performance-check.js';
import { rowsIn, windowOf } from '../src/performance/window.js';
import { wilson } from '../src/performance/intervals.js';
import type { Bench, BenchCase } from './harness.js';
import {
  accuracyIn,
  CURRENT,
  REFERENCE,
  SCENARIOS,
  simulateLog,
  type Scenario,
} from './performance-quality-sim.js';

const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const scenarios = (list(process.env.PERF_QUALITY_SCENARIOS) ??
  Object.keys(SCENARIOS)) as Scenario[];
const ns = (list(process.env.PERF_QUALITY_N) ?? ['300', '1000', '3000', '10000']).map(Number);
const replicates = Number(process.env.PERF_QUALITY_REPLICATES ?? 1000);
const seed = Number(process.env.PERF_QUALITY_SEED ?? 1);
/** The fixed-floor peer: a user's "accuracy ≥ 0.87" on the point estimate. */
const FLOOR = 0.87;
const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function runCase(scenario: Scenario, n: number, reps: number) {
  let alarms = 0;
  let floor = 0;
  let naive = 0;
  for (let r = 0; r < reps; r++) {
    const log = simulateLog(
      scenario,
      n,
      (seed * 1_000_003 + n * 7919 + Object.keys(SCENARIOS).indexOf(scenario) * 104_729 + r) | 0,
    );
    // The gate's check itself (the summary's buckets and tables are left out: they decide nothing).
    const input = { log, current: CURRENT, reference: REFERENCE };
    const windows = {
      current: windowOf(log, rowsIn(log, CURRENT)),
      reference: windowOf(log, rowsIn(log, REFERENCE)),
    };
    const s = evaluatePerformanceCheck({ metric: 'accuracy' }, 0, input, windows).result.status;
    if (s === 'alert') alarms++;
    const cur = accuracyIn(log, CURRENT);
    if (cur < FLOOR) floor++;
    if (cur < accuracyIn(log, REFERENCE)) naive++;
  }
  return {
    bench: 'performance-quality',
    scenario,
    n,
    alarm_rate: round(alarms / reps),
    alarm_ci: wilson(alarms, reps).map(round),
    floor_rate: round(floor / reps),
    naive_rate: round(naive / reps),
    replicates: reps,
  };
}

export const benches: Bench[] = [
  {
    name: 'performance-quality',
    sizes: scenarios.flatMap((s) => ns.map((n) => `${s}/${n}`)),
    run(size): Promise<BenchCase> {
      const [scenario, nText] = String(size).split('/') as [Scenario, string];
      const t0 = process.hrtime.bigint();
      const line = runCase(scenario, Number(nText), replicates);
      const ours_s = Number(process.hrtime.bigint() - t0) / 1e9;
      return Promise.resolve({ ours_s, peer: null, peer_s: null, line });
    },
  },
];
