/**
 * publish-s3: publishing one large model file to a real moto_server, side by side with
 * `aws s3 cp` of the same file to the same server. Sizes in MiB from PUBLISH_BENCH_SIZES
 * (default 1024; e.g. "1024,4096" — moto holds ~2.5–4.5× each object in RAM), best of
 * PUBLISH_BENCH_REPEAT runs each (default 2), alternating, with a fresh moto per run.
 * PUBLISH_BENCH_PART_MB / PUBLISH_BENCH_QUEUE override our part size and queue (default: the
 * publisher's defaults). Our peak RSS is this process's (the runner's peak_rss_mb); the CLI's
 * comes from /usr/bin/time -v. publish-s3-tls is the same over HTTPS, as S3 itself is reached.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { startMoto, type MotoServer } from '../__tests__/support/moto.js';
import { pathWithVenv } from '../__tests__/support/python.js';
import { silentLogger } from '../src/logger.js';
import { s3Defaults } from '../src/registry/config.js';
import { openRegistry } from '../src/registry/index.js';
import type { Bench, BenchCase } from './harness.js';

const MiB = 1024 * 1024;
const sizes = (process.env.PUBLISH_BENCH_SIZES ?? '1024')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);
const repeat = Number(process.env.PUBLISH_BENCH_REPEAT ?? '2') || 2;
/** Part size and queue of our uploads; unset = the publisher's defaults (s3Defaults). */
const partMb = Number(process.env.PUBLISH_BENCH_PART_MB ?? s3Defaults.part_size_mb);
const queue = Number(process.env.PUBLISH_BENCH_QUEUE ?? s3Defaults.queue_size);

/** CPU seconds the server process has used so far (Linux /proc; NaN elsewhere). */
function serverCpu(moto: MotoServer): number {
  try {
    const fields = readFileSync(`/proc/${moto.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function randomFile(path: string, bytes: number): Promise<void> {
  const fh = await open(path, 'w');
  try {
    for (let off = 0; off < bytes; off += 8 * MiB) {
      await fh.write(randomBytes(Math.min(8 * MiB, bytes - off)));
    }
  } finally {
    await fh.close();
  }
}

async function freshMoto(tls: boolean): Promise<{ moto: MotoServer; bucket: string }> {
  const moto = await startMoto({ tls });
  const client = new S3Client({
    endpoint: moto.endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  await client.send(new CreateBucketCommand({ Bucket: 'bench' }));
  client.destroy();
  return { moto, bucket: 'bench' };
}

async function ours(
  moto: MotoServer,
  modelDir: string,
  work: string,
): Promise<{ secs: number; cpu: number }> {
  Object.assign(process.env, moto.env);
  const registry = openRegistry(
    {
      registry: 's3://bench/registry',
      alias: 'production',
      s3: { endpoint: moto.endpoint, part_size_mb: partMb, queue_size: queue },
    },
    'bench-model',
    {
      logger: silentLogger,
      secrets: {},
      run: {
        runId: 'bench',
        runAttempt: 1,
        serverUrl: 'https://github.com',
        apiUrl: 'https://api.github.com',
      },
      root: work,
      workDir: work,
      reportDir: work,
      now: () => new Date(),
      signal: new AbortController().signal,
    },
  );
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  try {
    await registry.publish({
      modelDir,
      extraFiles: [],
      metrics: {},
      lineage: {},
      runKey: `bench-${Date.now()}`,
      moveAlias: true,
    });
  } finally {
    await registry.close();
  }
  const cpu = process.cpuUsage(cpu0);
  return { secs: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (cpu.user + cpu.system) / 1e6 };
}

function awsCli(
  moto: MotoServer,
  file: string,
  tls: boolean,
): Promise<{ secs: number; rssMb: number; cpu: number }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(
      '/usr/bin/time',
      [
        '-v',
        'aws',
        's3',
        'cp',
        file,
        's3://bench/cli/model.bin',
        '--endpoint-url',
        moto.endpoint,
        '--only-show-errors',
        ...(tls ? ['--no-verify-ssl'] : []),
      ],
      {
        env: { ...process.env, ...moto.env, PATH: pathWithVenv() },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const secs = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) return reject(new Error(`aws s3 cp failed (${code}): ${err.slice(-2000)}`));
      const num = (re: RegExp): number => Number(re.exec(err)?.[1] ?? NaN);
      resolve({
        secs,
        rssMb: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024,
        cpu: num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/),
      });
    });
  });
}

async function run(size: number | string, tls: boolean): Promise<BenchCase> {
  const bytes = Number(size) * MiB;
  const work = await mkdtemp(join(tmpdir(), 'publish-bench-'));
  const modelDir = join(work, 'model');
  await mkdir(modelDir);
  const file = join(modelDir, 'model.bin');
  try {
    await randomFile(file, bytes);
    // Warm the page cache so both clients read from memory.
    await pipeline(createReadStream(file), new Writable({ write: (_c, _e, cb) => cb() }));
    let best = Infinity;
    let peer = Infinity;
    let peerRss = 0;
    let oursCpu = Infinity;
    let peerCpu = Infinity;
    // moto's own CPU time per upload: the server is the bottleneck on a small machine.
    let oursServerCpu = Infinity;
    let peerServerCpu = Infinity;
    for (let i = 0; i < repeat; i++) {
      for (const who of i % 2 === 0 ? ['ours', 'cli'] : ['cli', 'ours']) {
        const { moto } = await freshMoto(tls);
        try {
          const server0 = serverCpu(moto);
          if (who === 'ours') {
            const r = await ours(moto, modelDir, work);
            best = Math.min(best, r.secs);
            oursCpu = Math.min(oursCpu, r.cpu);
            oursServerCpu = Math.min(oursServerCpu, serverCpu(moto) - server0);
          } else {
            const r = await awsCli(moto, file, tls);
            peer = Math.min(peer, r.secs);
            peerRss = Math.max(peerRss, r.rssMb);
            peerCpu = Math.min(peerCpu, r.cpu);
            peerServerCpu = Math.min(peerServerCpu, serverCpu(moto) - server0);
          }
        } finally {
          await moto.stop();
        }
      }
    }
    return {
      ours_s: best,
      peer: 'aws s3 cp (awscli v1 defaults)',
      peer_s: peer,
      extra: {
        size_mib: Number(size),
        ours_mib_s: Math.round((Number(size) / best) * 10) / 10,
        peer_mib_s: Math.round((Number(size) / peer) * 10) / 10,
        peer_peak_rss_mb: Math.round(peerRss * 10) / 10,
        ours_cpu_s: Math.round(oursCpu * 10) / 10,
        peer_cpu_s: Math.round(peerCpu * 10) / 10,
        ours_server_cpu_s: Math.round(oursServerCpu * 10) / 10,
        peer_server_cpu_s: Math.round(peerServerCpu * 10) / 10,
        part_mib: partMb,
        queue,
      },
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export const benches: Bench[] = [
  { name: 'publish-s3', sizes, run: (size) => run(size, false) },
  {
    // S3 itself is reached over TLS: both clients then send parts unsigned with a CRC32.
    name: 'publish-s3-tls',
    sizes,
    run: (size) => {
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // moto's self-signed certificate
      return run(size, true);
    },
  },
];
