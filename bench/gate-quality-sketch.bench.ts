/**
 * gate-quality-sketch: the gate-quality simulation (bench/gate-quality-sim.ts) with the same
 * windows judged twice — on the exact path and on the sketch path (exact_max_samples at its
 * minimum, 1000, so every window of the grid is summarized by the quantile sketch) — to show
 * the sketch changes no decision beyond simulation error — and a third time as the metrics
 * stage hands on a Parquet window over the limit (streamed into hour summaries: no values, auto
 * thresholds from merged hour sketches). One line per (scenario, n): the retrain rates with 95 %
 * Wilson intervals, and how many windows got a different decision than on the exact path.
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
import type { NamedRange } from '../src/metrics/collect.js';
import { StreamingWindows } from '../src/metrics/streaming.js';
import type { MetricsResult, Series } from '../src/metrics/types.js';

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
  const rate = { exact: 0, sketch: 0, streamed: 0 };
  let disagree = 0;
  let disagreeStreamed = 0;
  let fallbacks = 0;
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
    // the metrics stage's streamed path: windows as hour summaries, no values
    const st = evaluateGate(
      { ...defaultPolicy(w.categorical), exact_max_samples: SKETCH_EXACT_MAX },
      {
        metrics: streamedMetrics(w.metrics, SKETCH_EXACT_MAX),
        trigger,
        forced: false,
        dryRun: false,
        championAgeMs: 3_600_000,
      },
    );
    if (e.decision === 'retrain') rate.exact++;
    if (s.decision === 'retrain') rate.sketch++;
    if (st.decision === 'retrain') rate.streamed++;
    if (e.decision !== s.decision) disagree++;
    if (e.decision !== st.decision) disagreeStreamed++;
    if (st.checks.some((c) => c.detail?.auto_fallback)) fallbacks++;
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
    retrain_rate_streamed: round(rate.streamed / reps),
    retrain_ci_streamed: wilson(rate.streamed, reps).map(round),
    decisions_differ_streamed: disagreeStreamed,
    streamed_auto_fallbacks: fallbacks,
    approximate_checks: sketched,
    max_error_bound: maxBound,
    replicates: reps,
  };
}

/** The windows as the metrics stage hands them on when a columnar source streams them. */
function streamedMetrics(m: MetricsResult, exactMax: number): MetricsResult {
  const windows: NamedRange[] = [{ name: 'current', range: m.current.range }];
  if (m.reference) windows.push({ name: 'reference', range: m.reference.range });
  const out = { current: { ...m.current.series }, reference: { ...m.reference?.series } };
  for (const name of Object.keys(m.current.series)) {
    const categorical = Array.isArray(m.current.series[name]?.labels);
    const sink = new StreamingWindows([{ name, categorical }], windows, exactMax);
    for (const w of [m.reference, m.current]) {
      const s = w?.series[name];
      if (!s) continue;
      const categories = [...new Set(s.labels ?? [])];
      const index = new Map(categories.map((c, i) => [c, i]));
      sink.batch({
        rows: s.timestamps.length,
        timestamps: s.timestamps,
        numeric: categorical ? {} : { [name]: s.values },
        categorical: categorical
          ? {
              [name]: {
                codes: Int32Array.from(s.labels ?? [], (l) =>
                  l === '' ? -1 : (index.get(l) ?? -1),
                ),
                categories,
              },
            }
          : {},
      });
    }
    const r = sink.result();
    out.current[name] = r.current?.[name] as Series;
    if (m.reference) out.reference[name] = r.reference?.[name] as Series;
  }
  return {
    ...m,
    current: { ...m.current, series: out.current },
    ...(m.reference ? { reference: { ...m.reference, series: out.reference } } : {}),
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
