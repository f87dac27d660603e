/**
 * A real Prometheus (Debian's /usr/bin/prometheus) on a free loopback port, with history
 * backfilled by `promtool tsdb create-blocks-from openmetrics` before it starts. Optionally
 * behind basic auth (its own --web.config.file) or a bearer-checking reverse proxy.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './ports.js';

export interface PromSample {
  /** Metric name and labels, e.g. { __name__: 'model_score', model: 'churn' }. */
  labels: Record<string, string>;
  /** Epoch milliseconds, ascending. */
  timestamps: ArrayLike<number>;
  /** Numbers; NaN and ±Infinity are written as OpenMetrics NaN/+Inf/-Inf. */
  values: ArrayLike<number>;
}

export interface PrometheusServer {
  /** Base URL of the server (or of the auth proxy in front of it). */
  url: string;
  /** Basic-auth user and password, when started with auth: 'basic'. */
  username?: string;
  password?: string;
  /** Bearer token, when started with auth: 'bearer'. */
  token?: string;
  stop(): Promise<void>;
}

export const PROM_USER = 'retrain';
export const PROM_PASSWORD = 'prom-test-password';
/** bcrypt (cost 4) of PROM_PASSWORD, as Prometheus' web config wants it. */
const PROM_PASSWORD_BCRYPT = '$2b$04$Qm9vdHN0cmFwU2FsdFZhb.inNzKkrDmPE2JzMuebNu7iRA6XmHuxm';
export const PROM_TOKEN = 'prom-test-token';

/** OpenMetrics text for promtool: timestamps in seconds, one family per metric name, # EOF last. */
export function openMetrics(samples: PromSample[]): string {
  const byName = new Map<string, PromSample[]>();
  for (const s of samples) {
    const name = s.labels.__name__ as string;
    byName.set(name, [...(byName.get(name) ?? []), s]);
  }
  const out: string[] = [];
  for (const [name, list] of byName) {
    out.push(`# TYPE ${name} gauge`);
    for (const s of list) {
      const labels = Object.entries(s.labels)
        .filter(([k]) => k !== '__name__')
        .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
        .join(',');
      const head = labels ? `${name}{${labels}}` : name;
      for (let i = 0; i < s.timestamps.length; i++) {
        const v = s.values[i] as number;
        const text = Number.isNaN(v)
          ? 'NaN'
          : v === Infinity
            ? '+Inf'
            : v === -Infinity
              ? '-Inf'
              : String(v);
        out.push(`${head} ${text} ${(s.timestamps[i] as number) / 1000}`);
      }
    }
  }
  out.push('# EOF');
  return out.join('\n') + '\n';
}

export async function startPrometheus(
  samples: PromSample[],
  opts: { auth?: 'none' | 'basic' | 'bearer' } = {},
): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mra-prom-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  const input = join(dir, 'history.om');
  writeFileSync(input, openMetrics(samples));
  // Blocks of up to 31 days keep a month of history in a handful of blocks.
  const backfill = spawnSync(
    'promtool',
    [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--quiet',
      '--max-block-duration=744h',
      input,
      data,
    ],
    { encoding: 'utf8' },
  );
  if (backfill.status !== 0)
    throw new Error(`promtool backfill failed: ${backfill.stderr}${backfill.stdout}`);
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, 'global:\n  scrape_interval: 1m\nscrape_configs: []\n');
  const args = [
    `--config.file=${config}`,
    `--storage.tsdb.path=${data}`,
    '--storage.tsdb.retention.time=3650d',
    '--query.lookback-delta=5m',
    '--log.level=warn',
  ];
  if (opts.auth === 'basic') {
    const web = join(dir, 'web.yml');
    writeFileSync(web, `basic_auth_users:\n  ${PROM_USER}: '${PROM_PASSWORD_BCRYPT}'\n`);
    args.push(`--web.config.file=${web}`);
  }
  const port = await freePort();
  args.push(`--web.listen-address=127.0.0.1:${port}`);
  const child: ChildProcess = spawn('prometheus', args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    cwd: dir,
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const base = `http://127.0.0.1:${port}`;
  const auth =
    opts.auth === 'basic'
      ? `Basic ${Buffer.from(`${PROM_USER}:${PROM_PASSWORD}`).toString('base64')}`
      : '';
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}`);
      const res = await fetch(`${base}/-/ready`, { headers: auth ? { Authorization: auth } : {} });
      return res.status === 200;
    }, 'prometheus');
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  let proxy: Server | undefined;
  let url = base;
  if (opts.auth === 'bearer') {
    proxy = bearerProxy(port, PROM_TOKEN);
    await new Promise<void>((r) => proxy?.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  }
  return {
    url,
    ...(opts.auth === 'basic' ? { username: PROM_USER, password: PROM_PASSWORD } : {}),
    ...(opts.auth === 'bearer' ? { token: PROM_TOKEN } : {}),
    async stop() {
      if (proxy) {
        proxy.closeAllConnections();
        await new Promise((r) => proxy?.close(() => r(undefined)));
      }
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Bearer tokens are usually checked by a proxy in front of Prometheus; this is that proxy. */
export async function startBearerProxy(
  targetUrl: string,
  token: string = PROM_TOKEN,
): Promise<{ url: string; stop(): Promise<void> }> {
  const proxy = bearerProxy(Number(new URL(targetUrl).port), token);
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(proxy.address() as { port: number }).port}`,
    stop: async () => {
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(() => r(undefined)));
    },
  };
}

function bearerProxy(target: number, token: string): Server {
  return createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer' });
      res.end('Unauthorized\n');
      return;
    }
    const up = request(
      { host: '127.0.0.1', port: target, path: req.url, method: req.method, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => {
      res.writeHead(502);
      res.end('bad gateway');
    });
    req.pipe(up);
  });
}
