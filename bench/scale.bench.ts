/**
 * scale: the drift check set (KS, Wasserstein normed by the reference std, PSI) on the three
 * numeric columns of a synthetic prediction log — the last day against the 7 before — read
 * from day-partitioned Parquet (snappy, ~1M-row row groups; bench/scale_data.py writes it once
 * into .cache/bench-data with DuckDB) through the action's own path: the metrics stage streams
 * both windows into the gate's accumulators and the gate evaluates the checks. Peers in the same
 * run: DuckDB reading the same windows into numpy + scipy, and pyarrow + scipy (bench/scale_peer.py).
 *
 * Cases: 10M and 100M rows over 8 days, and the pruning case (90 daily partitions, 100 000
 * rows each). Environment: SCALE_CASES (comma list of case names, default all but 100M, which
 * needs minutes and ~5 GB for the peer: name it to run it), SCALE_PEERS (default
 * "duckdb,pyarrow"; empty: ours only, its line on stderr). The S3 cases copy the data into a
 * real moto_server (one Python process serving every range read). At 100M rows on S3 the DuckDB
 * peer stalled over moto (no progress for 10 minutes at 4.6 GB), so that case has no peer line
 * yet: run it with SCALE_PEERS= and read ours from stderr.
 */
import { spawnSync } from 'node:child_process';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckConfig } from '../src/gate/config.js';
import { evaluateChecks } from '../src/gate/checks.js';
import { DEFAULT_EXACT_MAX } from '../src/gate/stats/numeric-summary.js';
import type { StageContext } from '../src/context.js';
import type { MetricsConfig } from '../src/metrics/config.js';
import { fetchMetrics } from '../src/metrics/index.js';
import type { Bench, BenchCase } from './harness.js';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { readdir, readFile } from 'node:fs/promises';
import { startMoto } from '../__tests__/support/moto.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const python = () => join(root, '.cache/venv/bin/python');
const COLUMNS = ['score', 'feature_a', 'feature_b'];
const DAY = 86_400_000;
const START = Date.parse('2026-11-01T00:00:00Z');

const CASES: Record<string, { rows: number; days: number; store: 'local' | 's3' }> = {
  '10000000/local': { rows: 10_000_000, days: 8, store: 'local' },
  '10000000/s3': { rows: 10_000_000, days: 8, store: 's3' },
  '100000000/local': { rows: 100_000_000, days: 8, store: 'local' },
  '100000000/s3': { rows: 100_000_000, days: 8, store: 's3' },
  'partitions-90/local': { rows: 9_000_000, days: 90, store: 'local' },
};
const peers = (process.env.SCALE_PEERS?.split(',').filter(Boolean) ?? ['duckdb', 'pyarrow']) as (
  'duckdb' | 'pyarrow'
)[];
/** The action's default; SCALE_EXACT_MAX lowers it to take the streamed path at 10M. */
const EXACT_MAX = Number(process.env.SCALE_EXACT_MAX ?? DEFAULT_EXACT_MAX);
const wanted = process.env.SCALE_CASES?.split(',').map((s) => s.trim());
const sizes = Object.keys(CASES).filter((c) =>
  wanted ? wanted.includes(c) : !c.startsWith('100000000'),
);

function dataDir(rows: number, days: number): string {
  const dir = join(root, '.cache', 'bench-data', `rows-${rows}-days-${days}`);
  const r = spawnSync(
    python(),
    [
      join(root, 'bench', 'scale_data.py'),
      '--rows',
      String(rows),
      '--days',
      String(days),
      '--out',
      dir,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`scale_data.py failed: ${r.stderr}`);
  return dir;
}

interface PeerOut {
  wall_s: number;
  cpu_s: number;
  peak_rss_mb: number;
  rows: { reference: number; current: number };
  stats: Record<string, { ks_d: number; wasserstein_normed: number; psi: number }>;
}

function peer(dir: string, reader: 'duckdb' | 'pyarrow', s3?: S3Place): PeerOut {
  const where = s3
    ? ['--s3', s3.endpoint, '--bucket', s3.bucket, '--prefix', s3.prefix, '--last', s3.last]
    : [];
  const r = spawnSync(
    python(),
    [join(root, 'bench', 'scale_peer.py'), '--data', dir, '--reader', reader, ...where],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) throw new Error(`scale_peer.py (${reader}) failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PeerOut;
}

type Values = Record<string, { ks_d: number; wasserstein_normed: number; psi: number }>;

interface S3Place {
  endpoint: string;
  bucket: string;
  prefix: string;
  last: string;
}

/** A real moto_server holding the dataset under logs/predictions/ (moto keeps it in memory). */
async function s3Copy(dir: string, days: number) {
  const moto = await startMoto();
  const client = new S3Client({
    endpoint: moto.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  const bucket = 'logs';
  const prefix = 'predictions/';
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const d of (await readdir(dir)).filter((x) => x.startsWith('dt=')).sort()) {
    for (const f of (await readdir(join(dir, d))).sort()) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: `${prefix}${d}/${f}`,
          Body: await readFile(join(dir, d, f)),
        }),
      );
    }
  }
  const last = new Date(START + (days - 1) * DAY).toISOString().slice(0, 10);
  return { moto, client, place: { endpoint: moto.endpoint, bucket, prefix, last } };
}

/**
 * Ours: the action's own path — the metrics stage (the file or S3 source, Parquet pruned by
 * partition and row-group statistics, both windows streamed into the gate's accumulators) and
 * the gate's evaluation of the check set — with the action's default gate.exact_max_samples.
 */
async function ours(dir: string, days: number, s3: S3Place | null) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const last = START + (days - 1) * DAY;
  const config: MetricsConfig = {
    source: s3 ? 's3' : 'file',
    series: COLUMNS.map((name) => ({ name })),
    windows: {
      end: new Date(last + DAY).toISOString(),
      current: { duration: '1d' },
      reference: { duration: '7d' },
    },
    ...(s3
      ? {
          s3: {
            uri: `s3://${s3.bucket}/${s3.prefix}`,
            endpoint: s3.endpoint,
            force_path_style: true,
            timestamp_column: 'ts',
          },
        }
      : { file: { path: basename(dir), timestamp_column: 'ts' } }),
  };
  const metrics = await fetchMetrics(config, benchContext(dirname(dir)), {
    exactMax: EXACT_MAX,
  });
  const checks: CheckConfig[] = COLUMNS.flatMap((series) => [
    { series, statistic: 'ks' as const },
    { series, statistic: 'wasserstein_normed' as const, warn: 0.1, alert: 0.2 },
    { series, statistic: 'psi' as const, warn: 0.1, alert: 0.25 },
  ]);
  const results = evaluateChecks(
    {
      min_samples: 30,
      on_warn: 'report',
      dry_run: false,
      checks,
      exact_max_samples: EXACT_MAX,
    },
    metrics,
  );
  const values: Values = {};
  const bounds: Values = {};
  for (const col of COLUMNS) {
    values[col] = { ks_d: 0, wasserstein_normed: 0, psi: 0 };
    bounds[col] = { ks_d: 0, wasserstein_normed: 0, psi: 0 };
  }
  for (const r of results) {
    const v = values[r.series]!;
    const b = bounds[r.series]!;
    const bound = Number(r.detail?.error_bound ?? 0);
    if (r.statistic === 'ks') {
      v.ks_d = Number(r.detail?.statistic);
      b.ks_d = bound;
    } else if (r.statistic === 'wasserstein_normed') {
      v.wasserstein_normed = r.value as number;
      b.wasserstein_normed = bound;
    } else {
      v.psi = r.value as number;
      b.psi = bound;
    }
  }
  const cpu = process.cpuUsage(c0);
  const scan = metrics.scan;
  return {
    wall: Number(process.hrtime.bigint() - t0) / 1e9,
    cpu: (cpu.user + cpu.system) / 1e6,
    values,
    bounds,
    stats: {
      bytesRead: scan?.bytesRead ?? 0,
      bytesTotal: scan?.bytesTotal ?? 0,
      rows: scan?.rows ?? 0,
      summary: scan?.summary ?? '',
      points: metrics.points,
    },
    approximate: results.some((r) => r.detail?.approximate !== undefined),
    statuses: results.map((r) => `${r.name}:${r.status}`),
  };
}

/** The stage context the action gives the metrics stage, logging progress to stderr. */
function benchContext(root: string): StageContext {
  const log = (m: string) => void process.stderr.write(`${m}\n`);
  return {
    logger: {
      info: log,
      warning: log,
      error: log,
      debug: () => undefined,
      group: (_n, fn) => fn(),
    },
    secrets: {},
    run: {
      runId: 'bench',
      runAttempt: 1,
      serverUrl: 'https://github.com',
      apiUrl: 'http://127.0.0.1:9',
    },
    root,
    workDir: root,
    reportDir: root,
    now: () => new Date(),
    signal: new AbortController().signal,
  };
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

function maxErr(a: Values, b: Values) {
  const keys = ['ks_d', 'wasserstein_normed', 'psi'] as const;
  return Object.fromEntries(
    keys.map((k) => [k, Math.max(...COLUMNS.map((c) => Math.abs(a[c]![k] - b[c]![k])))]),
  ) as Record<(typeof keys)[number], number>;
}

export const benches: Bench[] = [
  {
    name: 'scale',
    sizes,
    async run(size): Promise<BenchCase> {
      const spec = CASES[String(size)];
      if (!spec) throw new Error(`unknown scale case ${String(size)}`);
      const dir = dataDir(spec.rows, spec.days);
      const s3 = spec.store === 's3' ? await s3Copy(dir, spec.days) : null;
      try {
        return await runCase(spec, dir, s3);
      } finally {
        await s3?.moto.stop();
      }
    },
  },
];

async function runCase(
  spec: { rows: number; days: number; store: 'local' | 's3' },
  dir: string,
  s3: Awaited<ReturnType<typeof s3Copy>> | null,
): Promise<BenchCase> {
  const size = `${spec.rows}/${spec.store}`;
  if (s3) Object.assign(process.env, s3.moto.env);
  global.gc?.();
  const o = await ours(dir, spec.days, s3?.place ?? null);
  const peakRss = process.resourceUsage().maxRSS / 1024;
  // ours first, on its own line (stderr), so a peer that runs out of time loses nothing
  process.stderr.write(
    `${JSON.stringify({ scale_case: size, ours_s: round(o.wall), ours_cpu_s: round(o.cpu), peak_rss_mb: round(peakRss, 1), approximate: o.approximate, statuses: o.statuses, values: o.values, error_bound: o.bounds, read: o.stats })}\n`,
  );
  const lines = peers.map((reader) => {
    const p = peer(dir, reader, s3?.place);
    const err = maxErr(o.values, p.stats);
    const within = (Object.keys(err) as (keyof typeof err)[]).every(
      (k) => err[k] <= Math.max(...COLUMNS.map((c) => o.bounds[c]![k])) + 1e-9,
    );
    // the stated bounds and the read counts go to stderr: the line keeps the shape
    process.stderr.write(
      `${JSON.stringify({ scale_case: size, reader, approximate: o.approximate, error_bound: o.bounds, within_bound: within, read: o.stats, peer_rows: p.rows, peer_cpu_s: round(p.cpu_s) })}\n`,
    );
    return {
      bench: 'scale',
      rows: spec.rows,
      store: spec.store,
      ...(spec.days === 90 ? { partitions: 90 } : {}),
      ours_s: round(o.wall),
      ours_cpu_s: round(o.cpu),
      peer: `${reader}+scipy`,
      peer_s: round(p.wall_s),
      ratio: round(o.wall / p.wall_s),
      peak_rss_mb: round(peakRss, 1),
      peer_rss_mb: round(p.peak_rss_mb, 1),
      bytes_read: o.stats.bytesRead,
      bytes_total: o.stats.bytesTotal,
      max_abs_err: {
        ks_d: err.ks_d,
        wasserstein_normed: err.wasserstein_normed,
        psi: err.psi,
      },
    };
  });
  return { ours_s: o.wall, peer: null, peer_s: null, exact: lines };
}
