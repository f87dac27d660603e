/**
 * gate-quality: how often the gate's default policy retrains, warns and says "insufficient" on
 * simulated production windows, side by side with Evidently's default rule and a mean
 * threshold monitor on the same windows (bench/gate-quality-sim.ts). One case per
 * (series, scenario, n), one line per persistence setting, judged on the same windows; a line
 * carries series, persistence, retrain_rate,
 * warn_rate, insufficient_rate, retrain_ci (a 95 % Wilson interval), evidently_rate,
 * monitor_rate and replicates.
 *
 * Environment: GATE_QUALITY_REPLICATES (default 100; n = 100 000 runs a tenth of them),
 * GATE_QUALITY_NULL_REPLICATES (no-drift scenarios; default the same), GATE_QUALITY_N,
 * GATE_QUALITY_SCENARIOS, GATE_QUALITY_SERIES and GATE_QUALITY_PERSISTENCE (comma lists) to
 * run part of the grid, GATE_QUALITY_SEED (default 1), GATE_QUALITY_CHECKS (the checks on a
 * numeric series, a comma list; default wasserstein_normed,scale,location).
 */
import type { GateConfig } from '../src/gate/config.js';
import { evaluateGate } from '../src/gate/index.js';
import type { GateReport } from '../src/gate/types.js';
import type { Trigger } from '../src/trigger/types.js';
import type { Bench, BenchCase } from './harness.js';
import {
  applies,
  evidentlyDrift,
  isDrift,
  monitorDrift,
  Rng,
  SCENARIOS,
  SERIES,
  simulate,
  SIZES_N,
  wilson,
  type Scenario,
  type SeriesKind,
  type Windows,
} from './gate-quality-sim.js';

const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const scenarios = (list(process.env.GATE_QUALITY_SCENARIOS) ?? [...SCENARIOS]) as Scenario[];
const ns = (list(process.env.GATE_QUALITY_N) ?? SIZES_N.map(String)).map(Number);
const series = (list(process.env.GATE_QUALITY_SERIES) ?? [...SERIES]) as SeriesKind[];
const persistences = (list(process.env.GATE_QUALITY_PERSISTENCE) ?? ['false', 'true']).map(
  (p) => p === 'true',
);
const replicates = Number(process.env.GATE_QUALITY_REPLICATES ?? 100);
const nullReplicates = Number(process.env.GATE_QUALITY_NULL_REPLICATES ?? replicates);
const seed = Number(process.env.GATE_QUALITY_SEED ?? 1);

const trigger: Trigger = {
  kind: 'schedule',
  event: 'schedule',
  reason: 'scheduled run',
  forced: false,
  inputs: {},
};

/** The documented example: a change must be present in 4 of 6 slices of the window. */
export const PERSISTENCE = { windows: 6, breaches: 4 };

/** The recommended checks on a number; GATE_QUALITY_CHECKS (a comma list) tries others. */
export const NUMERIC_CHECKS = list(process.env.GATE_QUALITY_CHECKS) ?? [
  'wasserstein_normed',
  'scale',
  'location',
];

/** The default policy a user gets with the recommended checks and no levels set. */
export function defaultPolicy(categorical: boolean, persistence = false): GateConfig {
  const sigmas = {
    ...(process.env.GATE_QUALITY_WARN ? { warn: Number(process.env.GATE_QUALITY_WARN) } : {}),
    ...(process.env.GATE_QUALITY_ALERT ? { alert: Number(process.env.GATE_QUALITY_ALERT) } : {}),
  };
  return {
    min_samples: 30,
    on_warn: 'report',
    dry_run: false,
    checks: (categorical ? ['psi'] : NUMERIC_CHECKS).map((statistic) => ({
      series: 'x',
      statistic,
      ...(persistence ? { persistence: PERSISTENCE } : {}),
    })),
    ...(Object.keys(sigmas).length ? { auto_thresholds: sigmas } : {}),
  };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

type Line = Record<string, number | string | boolean | number[]>;

interface Tally {
  retrain: number;
  warn: number;
  insufficient: number;
}

function judge(t: Tally, w: Windows, persistence: boolean): GateReport {
  const report = evaluateGate(defaultPolicy(w.categorical, persistence), {
    metrics: w.metrics,
    trigger,
    forced: false,
    dryRun: false,
    championAgeMs: 3_600_000,
  });
  count(t, report);
  return report;
}

function count(t: Tally, report: GateReport): void {
  if (report.decision === 'retrain') t.retrain++;
  else if (report.decision === 'warn') t.warn++;
  if (report.severity === 'insufficient') t.insufficient++;
}

/**
 * One (series, scenario, n): the same windows judged without and with persistence, one line
 * each. Persistence only ever holds back a warn or alert (src/gate/persistence-evidence.ts), so
 * where the whole window judged nothing worse than ok the persistence run is that same report
 * and is not recomputed.
 */
export function runCase(
  kind: SeriesKind,
  scenario: Scenario,
  n: number,
  persistences: boolean[],
  reps: number,
): Line[] {
  const plain: Tally = { retrain: 0, warn: 0, insufficient: 0 };
  const held: Tally = { retrain: 0, warn: 0, insufficient: 0 };
  let evidently = 0;
  let monitor = 0;
  for (let r = 0; r < reps; r++) {
    const rng = new Rng(
      (seed * 1_000_003 +
        n * 7919 +
        SCENARIOS.indexOf(scenario) * 104_729 +
        SERIES.indexOf(kind) * 15_485_863 +
        r) |
        0,
    );
    const w = simulate(scenario, n, rng, kind);
    const report = judge(plain, w, false);
    if (persistences.includes(true)) {
      if (report.severity === 'warn' || report.severity === 'alert') judge(held, w, true);
      else count(held, report);
    }
    if (evidentlyDrift(w)) evidently++;
    if (monitorDrift(w)) monitor++;
  }
  return persistences.map((persistence) => {
    const t = persistence ? held : plain;
    return {
      bench: 'gate-quality',
      series: kind,
      scenario,
      n,
      persistence,
      retrain_rate: round(t.retrain / reps),
      warn_rate: round(t.warn / reps),
      insufficient_rate: round(t.insufficient / reps),
      retrain_ci: wilson(t.retrain, reps).map(round),
      evidently_rate: round(evidently / reps),
      monitor_rate: round(monitor / reps),
      replicates: reps,
    };
  });
}

export const benches: Bench[] = [
  {
    name: 'gate-quality',
    sizes: series.flatMap((k) =>
      scenarios.filter((s) => applies(k, s)).flatMap((s) => ns.map((n) => `${k}/${s}/${n}`)),
    ),
    run(size): Promise<BenchCase> {
      const [kind, scenario, nText] = String(size).split('/') as [SeriesKind, Scenario, string];
      const n = Number(nText);
      const base = isDrift(scenario) ? replicates : nullReplicates;
      const reps = n >= 100_000 ? Math.max(1, Math.ceil(base / 10)) : base;
      const t0 = process.hrtime.bigint();
      const lines = runCase(kind, scenario, n, persistences, reps);
      const ours_s = Number(process.hrtime.bigint() - t0) / 1e9;
      return Promise.resolve({ ours_s, peer: null, peer_s: null, lines });
    },
  },
];
