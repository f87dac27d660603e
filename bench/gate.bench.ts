/**
 * Gate statistics vs scipy on the drift reference data (seed 42; reference N(0,1), current
 * N(0,1)·1.05 + 0.05), side by side in the same run: bench/gate_peer.py generates the samples,
 * times scipy and writes the raw float64 arrays this side then reads. Every timing starts from
 * the raw arrays, so sorting and binning are included on both sides.
 *
 * gate-checkset times evaluateGate with a whole numeric check set on one series (psi, ks,
 * wasserstein_normed, js, chi2, missing_rate, mean, p95) against scipy's ks_2samp +
 * wasserstein_distance + PSI on the same data.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateGate } from '../src/gate/index.js';
import type { GateConfig } from '../src/gate/config.js';
import { psiRaw } from '../src/gate/stats/psi-raw.js';
import { ks2samp } from '../src/gate/stats/ks.js';
import { SortCache } from '../src/gate/stats/clean.js';
import { wasserstein1 } from '../src/gate/stats/wasserstein.js';
import type { MetricsResult } from '../src/metrics/types.js';
import type { Bench, BenchCase } from './harness.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SIZES = [10_000, 100_000, 1_000_000, 10_000_000];

const python = () => join(root, '.cache/venv/bin/python');

interface Peer {
  n: number;
  files: { ref: string; cur: string };
  stats: Record<string, { best_s: number; value: number; pvalue?: number }>;
}

function peer(n: number, statNames: string[], repeats: number, dir: string): Peer {
  const script = join(root, 'bench', 'gate_peer.py');
  const r = spawnSync(
    python(),
    [
      script,
      '--n',
      String(n),
      '--stats',
      statNames.join(','),
      '--repeats',
      String(repeats),
      '--out',
      dir,
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`gate_peer.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Peer;
}

function readF64(path: string): Float64Array {
  const buf = readFileSync(path);
  if (buf.byteOffset % 8 === 0)
    return new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
  return new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/**
 * Best wall time of `repeat` runs, collecting garbage (untimed) before each one: otherwise the
 * previous run's sorted copies are still allocated when the next run starts, and peak RSS
 * measures two runs instead of one. The runner starts children with --expose-gc.
 */
function bestOfAfterGc(repeat: number, fn: () => void): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    gc?.();
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best;
}

const repeatsFor = (n: number) => (n >= 10_000_000 ? 1 : n >= 1_000_000 ? 3 : 5);
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

type Ours = (
  ref: Float64Array,
  cur: Float64Array,
) => { value: number; pvalue?: number; inputBytes?: number };

/** `prepare` runs untimed once per case and returns the timed function (e.g. to build inputs). */
function bench(
  name: string,
  statNames: string[],
  prepare: (ref: Float64Array, cur: Float64Array) => Ours,
): Bench {
  return {
    name,
    sizes: SIZES,
    async run(size): Promise<BenchCase> {
      const n = Number(size);
      const baseline = process.memoryUsage().rss;
      const dir = mkdtempSync(join(tmpdir(), `${name}-`));
      try {
        const p = peer(n, statNames, repeatsFor(n), dir);
        const ref = readF64(p.files.ref);
        const cur = readF64(p.files.cur);
        rmSync(dir, { recursive: true, force: true });
        const ours = prepare(ref, cur);
        let out: ReturnType<Ours> = { value: NaN };
        const ours_s = bestOfAfterGc(repeatsFor(n), () => {
          out = ours(ref, cur);
        });
        const peer_s = statNames.reduce((s, k) => s + (p.stats[k]?.best_s ?? 0), 0);
        const first = p.stats[statNames[0] as string]!;
        const inputBytes = out.inputBytes ?? ref.byteLength + cur.byteLength;
        return {
          ours_s,
          peer: `scipy ${statNames.join('+')}`,
          peer_s,
          extra: {
            value: out.value,
            peer_value: first.value,
            value_rel_diff: rel(out.value, first.value),
            ...(out.pvalue !== undefined && first.pvalue !== undefined
              ? {
                  pvalue: out.pvalue,
                  peer_pvalue: first.pvalue,
                  pvalue_rel_diff: rel(out.pvalue, first.pvalue),
                }
              : {}),
            input_mb: Math.round(inputBytes / 1e5) / 10,
            // peak RSS over the input arrays, with and without the runtime's own baseline
            rss_over_input:
              Math.round((process.resourceUsage().maxRSS * 1024 * 100) / inputBytes) / 100,
            rss_above_baseline_over_input:
              Math.round(((process.resourceUsage().maxRSS * 1024 - baseline) * 100) / inputBytes) /
              100,
          },
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

const checkset: GateConfig = {
  min_samples: 30,
  on_warn: 'report',
  dry_run: false,
  checks: [
    { series: 'x', statistic: 'psi' },
    { series: 'x', statistic: 'ks' },
    { series: 'x', statistic: 'wasserstein_normed' },
    { series: 'x', statistic: 'js' },
    { series: 'x', statistic: 'chi2' },
    { series: 'x', statistic: 'missing_rate' },
    { series: 'x', statistic: 'mean', alert: -1 },
    { series: 'x', statistic: 'p95', direction: 'above', alert: 10 },
  ],
};

function windowOf(name: 'current' | 'reference', values: Float64Array, ts: Float64Array) {
  return {
    name,
    range: { start: 0, end: values.length },
    series: { x: { name: 'x', timestamps: ts, values } },
  };
}

export const benches: Bench[] = [
  bench('gate-ks', ['ks'], () => (ref, cur) => {
    const sorts = new SortCache(); // one radix scratch buffer for both sides, as evaluateGate does
    const r = ks2samp(sorts.of(ref).sorted, sorts.of(cur).sorted);
    return { value: r.statistic, pvalue: r.pvalue };
  }),
  bench('gate-wasserstein', ['wasserstein'], () => (ref, cur) => {
    const sorts = new SortCache();
    return { value: wasserstein1(sorts.of(ref).sorted, sorts.of(cur).sorted) };
  }),
  bench('gate-psi', ['psi'], () => (ref, cur) => ({ value: psiRaw(ref, cur, 10) })),
  bench('gate-checkset', ['ks', 'wasserstein', 'psi'], (ref0) => {
    // Both windows share one timestamp array (built untimed); it is counted as input.
    const ts = new Float64Array(ref0.length);
    for (let i = 0; i < ts.length; i++) ts[i] = i;
    return (ref, cur) => checksetRun(ref, cur, ts);
  }),
];

function checksetRun(ref: Float64Array, cur: Float64Array, ts: Float64Array) {
  const metrics: MetricsResult = {
    source: 'bench',
    queries: [],
    current: windowOf('current', cur, ts),
    reference: windowOf('reference', ref, ts),
    points: {},
    warnings: [],
  };
  const report = evaluateGate(checkset, {
    metrics,
    trigger: { kind: 'manual', event: 'bench', reason: 'bench', forced: false, inputs: {} },
    forced: false,
    dryRun: false,
    championAgeMs: 0,
  });
  const ks = report.checks[1]!;
  return {
    value: ks.detail!.statistic as number,
    pvalue: ks.value as number,
    inputBytes: ref.byteLength + cur.byteLength + ts.byteLength,
  };
}
