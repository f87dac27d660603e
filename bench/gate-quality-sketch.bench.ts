/**
 * gate-quality-sketch: the gate-quality simulation (bench/gate-quality-sim.ts) with the same
 * windows judged twice — on the exact path and on the sketch path (exact_max_samples at its
 * minimum, 1000, so every window of the grid is summarized by the quantile sketch) — to show
 * the sketch changes no decision beyond simulation error. One line per (scenario, n): both
 * retrain rates with 95 % Wilson intervals, and how many windows got a different decision.
 *
 * Environment: as gate-quality (GATE_QUALITY_REPLICATES, GATE_QUALITY_N,
 * GATE_QUALITY_SCENARIOS, GATE_QUALITY_SEED); default n 1000, 10 000 and 100 000.
 */
import { evaluateGate } from '../src/gate/index.js';
import type { GateReport } from '../src/gate/types.js';
import type { Trigger } from '../src/trigger/types.js';
import { defaultPolicy } from './gate-quality.bench.js';
import { Rng, SCENARIOS, simulate, wilson, type Scenario } from './gate-quality-sim.js';
import type { Bench, BenchCase } from './harness.js';

const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const scenarios = (list(process.env.GATE_QUALITY_SCENARIOS) ?? [...SCENARIOS]) as Scenario[];
const ns = (list(process.env.GATE_QUALITY_N) ?? ['1000', '10000', '100000']).map(Number);
const replicates = Number(process.env.GATE_QUALITY_REPLICATES ?? 100);
const seed = Number(process.env.GATE_QUALITY_SEED ?? 1);
export const SKETCH_EXACT_MAX = 1000;

const trigger: Trigger = {
  kind: 'schedule',
  event: 'schedule',
  reason: 'scheduled run',
  forced: false,
  inputs: {},
};

const round = (x: number) => Math.round(x * 1e4) / 1e4;

function runCase(scenario: Scenario, n: number, reps: number) {
  const rate = { exact: 0, sketch: 0 };
  let disagree = 0;
  let sketched = 0;
  let maxBound = 0;
  for (let r = 0; r < reps; r++) {
    // the seeds of gate-quality: the same windows as its lines
    const rng = new Rng(
      (seed * 1_000_003 + n * 7919 + SCENARIOS.indexOf(scenario) * 104_729 + r) | 0,
    );
    const w = simulate(scenario, n, rng);
    const judge = (exactMax?: number): GateReport =>
      evaluateGate(
        { ...defaultPolicy(w.categorical), ...(exactMax ? { exact_max_samples: exactMax } : {}) },
        { metrics: w.metrics, trigger, forced: false, dryRun: false, championAgeMs: 3_600_000 },
      );
    const e = judge();
    const s = judge(SKETCH_EXACT_MAX);
    if (e.decision === 'retrain') rate.exact++;
    if (s.decision === 'retrain') rate.sketch++;
    if (e.decision !== s.decision) disagree++;
    for (const c of s.checks) {
      if (c.detail?.approximate === undefined) continue;
      sketched++;
      maxBound = Math.max(maxBound, Number(c.detail.error_bound ?? 0));
    }
  }
  return {
    bench: 'gate-quality-sketch',
    scenario,
    n,
    retrain_rate_exact: round(rate.exact / reps),
    retrain_rate_sketch: round(rate.sketch / reps),
    retrain_ci_exact: wilson(rate.exact, reps).map(round),
    retrain_ci_sketch: wilson(rate.sketch, reps).map(round),
    decisions_differ: disagree,
    approximate_checks: sketched,
    max_error_bound: maxBound,
    replicates: reps,
  };
}

export const benches: Bench[] = [
  {
    name: 'gate-quality-sketch',
    sizes: scenarios.flatMap((s) => ns.map((n) => `${s}/${n}`)),
    run(size): Promise<BenchCase> {
      const [scenario, nText] = String(size).split('/') as [Scenario, string];
      const n = Number(nText);
      const reps = n >= 100_000 ? Math.max(1, Math.ceil(replicates / 10)) : replicates;
      const t0 = process.hrtime.bigint();
      const line = runCase(scenario, n, reps);
      const ours_s = Number(process.hrtime.bigint() - t0) / 1e9;
      return Promise.resolve({ ours_s, peer: null, peer_s: null, extra: line });
    },
  },
];
