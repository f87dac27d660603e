/**
 * scale: the drift check set (KS, Wasserstein normed by the reference std, PSI) on the three
 * numeric columns of a synthetic prediction log — the last day against the 7 before — read
 * from day-partitioned Parquet (snappy, ~1M-row row groups; bench/scale_data.py writes it once
 * into .cache/bench-data with DuckDB) and streamed into the statistics. Peers in the same run:
 * DuckDB reading the same windows into numpy + scipy, and pyarrow + scipy (bench/scale_peer.py).
 *
 * Cases: 10M and 100M rows over 8 days, and the pruning case (90 daily partitions, 100 000
 * rows each). Environment: SCALE_CASES (comma list of case names, default all but 100M, which
 * needs minutes and ~5 GB for the peer: name it to run it), SCALE_PEERS (default
 * "duckdb,pyarrow"). The S3 case copies the data into a real moto_server, which holds it in
 * memory (~3× its size): 10M rows only.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckConfig, DistributionStatistic } from '../src/gate/config.js';
import { measure } from '../src/gate/measure.js';
import { profileOf } from '../src/gate/profile.js';
import type { Bench, BenchCase } from './harness.js';
import { localStore, readWindows, s3Store, type Store } from './scale-read.js';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { readFile } from 'node:fs/promises';
import { startMoto } from '../__tests__/support/moto.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const python = () => join(root, '.cache/venv/bin/python');
const COLUMNS = ['score', 'feature_a', 'feature_b'];
const STATS: DistributionStatistic[] = ['ks', 'wasserstein_normed', 'psi'];
const DAY = 86_400_000;
const START = Date.parse('2026-11-01T00:00:00Z');

const CASES: Record<string, { rows: number; days: number; store: 'local' | 's3' }> = {
  '10000000/local': { rows: 10_000_000, days: 8, store: 'local' },
  '10000000/s3': { rows: 10_000_000, days: 8, store: 's3' },
  '100000000/local': { rows: 100_000_000, days: 8, store: 'local' },
  'partitions-90/local': { rows: 9_000_000, days: 90, store: 'local' },
};
const peers = (process.env.SCALE_PEERS?.split(',') ?? ['duckdb', 'pyarrow']) as (
  'duckdb' | 'pyarrow'
)[];
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
  for (const o of await localStore(dir).list()) {
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: prefix + o.key,
        Body: await readFile(join(dir, o.key)),
      }),
    );
  }
  const last = new Date(START + (days - 1) * DAY).toISOString().slice(0, 10);
  return { moto, client, place: { endpoint: moto.endpoint, bucket, prefix, last } };
}

/** Ours: stream both windows, then the check set per column. */
async function ours(store: Store, days: number) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const last = START + (days - 1) * DAY;
  const current = { start: last, end: last + DAY };
  const reference = { start: last - 7 * DAY, end: last };
  const { summaries, stats } = await readWindows(store, COLUMNS, [reference, current]);
  const values: Values = {};
  const bounds: Values = {};
  COLUMNS.forEach((col, i) => {
    const p = profileOf(summaries[0]![i]!, summaries[1]![i]!);
    const v = { ks_d: 0, wasserstein_normed: 0, psi: 0 };
    const b = { ks_d: 0, wasserstein_normed: 0, psi: 0 };
    for (const stat of STATS) {
      const check = { series: col, statistic: stat } as CheckConfig & {
        statistic: DistributionStatistic;
      };
      const m = measure(check, 0, p);
      const bound = Number(m.detail.error_bound ?? 0);
      if (stat === 'ks') {
        v.ks_d = Number(m.detail.statistic);
        b.ks_d = bound;
      } else if (stat === 'wasserstein_normed') {
        v.wasserstein_normed = m.value as number;
        b.wasserstein_normed = bound;
      } else {
        v.psi = m.value as number;
        b.psi = bound;
      }
    }
    values[col] = v;
    bounds[col] = b;
  });
  const cpu = process.cpuUsage(c0);
  return {
    wall: Number(process.hrtime.bigint() - t0) / 1e9,
    cpu: (cpu.user + cpu.system) / 1e6,
    values,
    bounds,
    stats,
    approximate: summaries.flat().some((s) => s.sketched),
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
  const store = s3 ? s3Store(s3.client, s3.place.bucket, s3.place.prefix) : localStore(dir);
  global.gc?.();
  const o = await ours(store, spec.days);
  const peakRss = process.resourceUsage().maxRSS / 1024;
  // ours first, on its own line (stderr), so a peer that runs out of time loses nothing
  process.stderr.write(
    `${JSON.stringify({ scale_case: size, ours_s: round(o.wall), ours_cpu_s: round(o.cpu), peak_rss_mb: round(peakRss, 1), approximate: o.approximate, values: o.values, error_bound: o.bounds, read: o.stats })}\n`,
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
