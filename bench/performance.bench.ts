/**
 * performance-metrics: the join of a prediction log with its labels and every metric (binary
 * classification and regression, with intervals) on N joined rows, against pandas (read, merge)
 * + scikit-learn on the same CSV files. Peak RSS is this process's; the peer reports its own.
 * Tables are written once per size under .cache/bench/performance/<N>/ (bench/performance_data.py).
 *
 * Environment: PERF_METRICS_SIZES (comma list, default 1000000,10000000).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readPredictionLog } from '../src/metrics/prediction-log.js';
import { computeAll } from '../src/performance/metrics.js';
import { rowsIn, windowOf } from '../src/performance/window.js';
import type { Bench, BenchCase } from './harness.js';

const root = resolve(import.meta.dirname, '..', '..');
const python = existsSync(join(root, '.cache/venv/bin/python'))
  ? join(root, '.cache/venv/bin/python')
  : 'python3';
const sizes = (process.env.PERF_METRICS_SIZES ?? '1000000,10000000').split(',').map(Number);
const ALL = { start: -Infinity, end: Infinity };

function tables(n: number): string {
  const dir = join(root, '.cache/bench/performance', String(n));
  if (!existsSync(join(dir, 'reg_labels.csv'))) {
    const r = spawnSync(python, [join(root, 'bench/performance_data.py'), String(n), dir], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error('bench/performance_data.py failed');
  }
  return dir;
}

async function ours(dir: string): Promise<Record<string, number | null>> {
  const values: Record<string, number | null> = {};
  for (const task of ['cls', 'reg'] as const) {
    const log = await readPredictionLog(
      {
        log: `${task}_predictions.csv`,
        labels: `${task}_labels.csv`,
        task: task === 'cls' ? 'binary' : 'regression',
        label_time_column: 'labelled_at',
        ...(task === 'cls' ? { score_column: 'score' } : {}),
      },
      ALL,
      { root: dir },
    );
    const w = windowOf(log, rowsIn(log, ALL));
    for (const m of computeAll(w.data)) values[m.metric] = m.value;
  }
  return values;
}

export const benches: Bench[] = [
  {
    name: 'performance-metrics',
    sizes,
    async run(size): Promise<BenchCase> {
      const dir = tables(Number(size));
      const t0 = process.hrtime.bigint();
      const got = await ours(dir);
      const ours_s = Number(process.hrtime.bigint() - t0) / 1e9;
      const peak = process.resourceUsage().maxRSS / 1024;
      const r = spawnSync(python, [join(root, 'bench/performance_peer.py'), dir], {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      });
      if (r.status !== 0) throw new Error(`bench/performance_peer.py failed: ${r.stderr}`);
      const peer = JSON.parse(r.stdout) as {
        seconds: number;
        rss_mb: number;
        values: Record<string, number>;
      };
      let maxRel = 0;
      for (const [k, want] of Object.entries(peer.values)) {
        const v = got[k];
        if (v === null || v === undefined)
          throw new Error(`metric ${k}: ours is ${String(v)}, scikit-learn's ${want}`);
        maxRel = Math.max(maxRel, want === 0 ? Math.abs(v) : Math.abs(v - want) / Math.abs(want));
      }
      const round = (x: number) => Math.round(x * 1e4) / 1e4;
      return Promise.resolve({
        ours_s,
        peer: 'pandas+scikit-learn',
        peer_s: peer.seconds,
        line: {
          bench: 'performance-metrics',
          size,
          ours_s: round(ours_s),
          peer: 'pandas+scikit-learn',
          peer_s: round(peer.seconds),
          ratio: round(ours_s / peer.seconds),
          peak_rss_mb: round(peak),
          peer_rss_mb: round(peer.rss_mb),
          max_rel_err: Number(maxRel.toPrecision(3)),
        },
      });
    },
  },
];
