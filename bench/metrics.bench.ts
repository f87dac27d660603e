/**
 * Metrics adapters on a month of 1-minute data for 3 series (129,600 samples), fetched through
 * fetchMetrics from a real Prometheus (backfilled by promtool) and from the Datadog stand-in.
 * Each server runs in its own helper process, so the peak RSS printed is the adapter's alone.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDatadogStandin } from '../__tests__/support/datadog-standin.js';
import { startPrometheus } from '../__tests__/support/prometheus.js';
import type { StageContext } from '../src/context.js';
import { silentLogger } from '../src/logger.js';
import type { MetricsConfig } from '../src/metrics/config.js';
import { fetchMetrics } from '../src/metrics/index.js';
import { bestOf, type Bench } from './harness.js';

const MIN = 60_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const SERIES = ['model_score', 'model_latency', 'model_confidence'];
// Backfilled history must end before Prometheus' head block and stay inside retention.
const ANCHOR = Math.floor(Date.now() / HOUR) * HOUR - 4 * HOUR;

function month(days: number): { timestamps: number[]; values: number[] }[] {
  return SERIES.map((_, k) => {
    const timestamps: number[] = [];
    const values: number[] = [];
    for (let t = ANCHOR - days * DAY; t < ANCHOR; t += MIN) {
      timestamps.push(t);
      values.push(Math.round(1e4 * (k + Math.sin(t / HOUR + k))) / 1e4);
    }
    return { timestamps, values };
  });
}

/** Helper-process mode: start one server, print its URL, stop when stdin closes. */
async function serve(kind: string, days: number): Promise<void> {
  const data = month(days);
  let stop: () => Promise<void>;
  let url: string;
  if (kind === 'prometheus') {
    const prom = await startPrometheus(
      data.map((d, k) => ({ labels: { __name__: SERIES[k] as string, model: 'churn' }, ...d })),
    );
    url = prom.url;
    stop = prom.stop;
  } else {
    const dd = await startDatadogStandin({
      data: data.map((d, k) => ({ metric: `ml.${SERIES[k]}`, tags: ['model:churn'], ...d })),
    });
    url = dd.url;
    stop = dd.close;
  }
  process.stdout.write(`URL ${url}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void stop().then(() => process.exit(0)));
}

async function helper(kind: string, days: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [fileURLToPath(import.meta.url), '--serve', kind, String(days)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /URL (\S+)/.exec(buf);
      if (m) resolve(m[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`${kind} helper exited with ${code}`)));
  });
  return { url, child };
}

async function stopHelper(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.stdin?.end();
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

function context(secrets: StageContext['secrets'] = {}): StageContext {
  return {
    logger: silentLogger,
    secrets,
    run: {
      runId: 'bench',
      runAttempt: 1,
      serverUrl: 'https://github.com',
      apiUrl: 'http://127.0.0.1:9',
    },
    root: process.cwd(),
    workDir: process.cwd(),
    reportDir: process.cwd(),
    now: () => new Date(ANCHOR),
    signal: new AbortController().signal,
  };
}

function expectPoints(res: Awaited<ReturnType<typeof fetchMetrics>>, n: number): void {
  for (const [name, p] of Object.entries(res.points)) {
    if (p.current !== n) throw new Error(`${name}: expected ${n} points, got ${p.current}`);
  }
}

export const benches: Bench[] = [
  {
    name: 'metrics-prometheus',
    sizes: [30],
    async run(size) {
      const days = Number(size);
      const { url, child } = await helper('prometheus', days);
      try {
        const config: MetricsConfig = {
          source: 'prometheus',
          series: SERIES.map((s) => ({ name: s, query: `${s}{model="churn"}` })),
          windows: { current: { duration: `${days}d` } },
          prometheus: { url, step: '1m' },
        };
        const ours = await bestOf(3, async () =>
          expectPoints(await fetchMetrics(config, context()), (days * DAY) / MIN),
        );
        // Peer: promtool's own range query client over the same 11,000-step pieces, one call each.
        const start = ANCHOR - days * DAY;
        const peer = await bestOf(3, () => {
          for (const s of SERIES) {
            for (let a = start; a < ANCHOR; a += 11_000 * MIN) {
              const b = Math.min(ANCHOR - MIN, a + 10_999 * MIN);
              const r = spawnSync(
                'promtool',
                [
                  'query',
                  'range',
                  `--start=${a / 1000}`,
                  `--end=${b / 1000}`,
                  '--step=1m',
                  '--format=json',
                  url,
                  `${s}{model="churn"}`,
                ],
                { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
              );
              if (r.status !== 0) throw new Error(`promtool failed: ${r.stderr}`);
            }
          }
        });
        return {
          ours_s: ours,
          peer: 'promtool query range (same pieces, sequential)',
          peer_s: peer,
          extra: { points: (3 * (days * DAY)) / MIN },
        };
      } finally {
        await stopHelper(child);
      }
    },
  },
  {
    name: 'metrics-datadog',
    sizes: [30],
    async run(size) {
      const days = Number(size);
      const { url, child } = await helper('datadog', days);
      try {
        const config: MetricsConfig = {
          source: 'datadog',
          series: SERIES.map((s) => ({ name: s, query: `avg:ml.${s}{model:churn}` })),
          windows: { current: { duration: `${days}d` } },
          datadog: { api_url: url, chunk: '4h', concurrency: 4 },
        };
        const secrets = { datadogApiKey: 'test-api-key', datadogAppKey: 'test-app-key' };
        const ours = await bestOf(3, async () =>
          expectPoints(await fetchMetrics(config, context(secrets)), (days * DAY) / MIN),
        );
        return {
          ours_s: ours,
          peer: null,
          peer_s: null,
          extra: { points: (3 * (days * DAY)) / MIN, requests: 3 * days * 6 },
        };
      } finally {
        await stopHelper(child);
      }
    },
  },
];

if (process.argv[2] === '--serve') void serve(process.argv[3] as string, Number(process.argv[4]));
