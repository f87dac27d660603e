import { mapLimit } from '../concurrency.js';
import { parseDuration } from '../config/duration.js';
import type { Secrets } from '../config/types.js';
import { UserError } from '../errors.js';
import { chunkRange } from './chunks.js';
import type { MetricsConfig, SeriesConfig } from './config.js';
import {
  DEFAULT_RETRY,
  excerpt,
  realSleep,
  requestWithRetry,
  safeUrl,
  type RetryPolicy,
  type Sleep,
} from './http.js';
import type { Notes } from './notes.js';
import { mergeGroups, type QueryGroup } from './groups.js';
import type { MetricsSource, QueryDescription, Series, TimeRange } from './types.js';

/** Prometheus refuses a range query of more than 11,000 steps per series. */
export const MAX_POINTS = 11_000;

const NICE_STEPS_S = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** Default step: 1 minute, coarser only when the window would exceed 11,000 points. */
export function defaultStepMs(durationMs: number): number {
  const need = durationMs / MAX_POINTS / 1000;
  return (NICE_STEPS_S.find((s) => s >= need) ?? Math.ceil(need)) * 1000;
}

/** Evaluation times of one range: [start, end) split so no request exceeds the point limit. */
export function stepRequests(range: TimeRange, stepMs: number): { start: number; end: number }[] {
  // Steps aligned to multiples of the step: repeatable timestamps whatever the clock says.
  const first = Math.ceil(range.start / stepMs) * stepMs;
  return chunkRange({ start: first, end: range.end }, stepMs * MAX_POINTS).map((c) => ({
    start: c.start,
    // Prometheus' end is inclusive; stay below the chunk's end so chunks never share a step.
    end: c.start + Math.floor((c.end - 1 - c.start) / stepMs) * stepMs,
  }));
}

/** Raw samples are read a day at a time: one answer stays a few MB even for 15 s scrapes. */
export const RAW_CHUNK_MS = 86_400_000;

/**
 * A plain selector — a metric name and/or label matchers, nothing computed — whose samples the
 * server holds as scraped. Anything else (functions, operators, offset, @) is an expression
 * whose values exist only where it is evaluated, one per query step.
 */
export function isSelector(query: string): boolean {
  const q = query.trim();
  return (
    q !== '' &&
    /^(?:[a-zA-Z_:][\w:]*\s*)?(?:\{(?:[^{}"]|"(?:[^"\\]|\\.)*")*\})?$/.test(q) &&
    !/^(?:bool|on|ignoring|group_left|group_right|offset|by|without)$/.test(q)
  );
}

/** A sample value as Prometheus writes it: a string, with NaN, +Inf and -Inf spelled out. */
export function promValue(text: unknown): number {
  if (text === 'NaN') return NaN;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (typeof text !== 'string')
    throw new Error(`a sample value is not a string: ${JSON.stringify(text)}`);
  const n = Number(text);
  if (Number.isNaN(n) || text.trim() === '')
    throw new Error(`a sample value is not a number: "${text}"`);
  return n;
}

export type PromGroup = QueryGroup;

/** The `data` of a matrix answer: each series' samples inside [start, end). */
export function parseMatrix(data: unknown, range: TimeRange): PromGroup[] {
  const d = data as { resultType?: unknown; result?: unknown };
  if (!d || typeof d !== 'object' || !Array.isArray(d.result))
    throw new Error('the response has no data.result array');
  if (d.resultType !== 'matrix')
    throw new Error(`expected a matrix result, got "${String(d.resultType)}"`);
  const out: PromGroup[] = [];
  for (const raw of d.result as unknown[]) {
    const r = raw as { metric?: Record<string, string>; values?: unknown };
    const g: PromGroup = { scope: labelSet(r.metric ?? {}), timestamps: [], values: [] };
    if (!Array.isArray(r.values)) {
      out.push(g); // native histograms carry "histograms" instead: no float samples to read
      continue;
    }
    for (const p of r.values as unknown[]) {
      if (!Array.isArray(p) || typeof p[0] !== 'number')
        throw new Error(`a sample is not [seconds, "value"]: ${JSON.stringify(p)}`);
      const t = Math.round((p[0] as number) * 1000);
      if (t < range.start || t >= range.end) continue;
      g.timestamps.push(t);
      g.values.push(promValue(p[1]));
    }
    out.push(g);
  }
  return out;
}

function labelSet(metric: Record<string, string>): string {
  const name = metric.__name__ ?? '';
  const labels = Object.entries(metric)
    .filter(([k]) => k !== '__name__')
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  return labels ? `${name}{${labels}}` : name || '{}';
}

export type PromAuth =
  { kind: 'none' } | { kind: 'basic'; header: string } | { kind: 'bearer'; header: string };

/**
 * Credentials: metrics.prometheus.auth picks the scheme (default: bearer when a token is given,
 * basic when a username is, else none); user:password in the URL also means basic.
 */
export function promAuth(
  mode: 'none' | 'basic' | 'bearer' | undefined,
  secrets: Secrets,
  url: URL,
): PromAuth {
  const user =
    secrets.prometheusUsername ?? (url.username ? decodeURIComponent(url.username) : undefined);
  const pass =
    secrets.prometheusPassword ?? (url.password ? decodeURIComponent(url.password) : undefined);
  const kind = mode ?? (secrets.prometheusToken ? 'bearer' : user ? 'basic' : 'none');
  if (kind === 'bearer') {
    if (!secrets.prometheusToken) {
      throw new UserError(
        'prometheus-token: metrics.prometheus.auth is "bearer" but no token was given; pass the prometheus-token input (from a secret)',
      );
    }
    return { kind, header: `Bearer ${secrets.prometheusToken}` };
  }
  if (kind === 'basic') {
    if (!user)
      throw new UserError(
        'prometheus-username: metrics.prometheus.auth is "basic" but no username was given; pass the prometheus-username input',
      );
    if (pass === undefined) {
      throw new UserError(
        'prometheus-password: metrics.prometheus.auth is "basic" but no password was given; pass the prometheus-password input (from a secret)',
      );
    }
    return { kind, header: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
  }
  return { kind: 'none' };
}

/** Base URL without credentials (fetch refuses them) and without a trailing slash. */
export function promBaseUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UserError(
      `metrics.prometheus.url: "${raw}" is not a URL; use e.g. http://prometheus:9090`,
    );
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new UserError(
      `metrics.prometheus.url: "${safeUrl(raw)}" must start with http:// or https://`,
    );
  }
  return u;
}

export interface PrometheusSourceOptions {
  series: SeriesConfig[];
  url: string;
  auth: PromAuth;
  /** Fixed step; default per window from defaultStepMs. */
  stepMs?: number;
  concurrency: number;
  notes: Notes;
  signal?: AbortSignal;
  sleep?: Sleep;
  retry?: RetryPolicy;
  timeoutMs?: number;
}

export function prometheusOptions(cfg: NonNullable<MetricsConfig['prometheus']>): {
  base: string;
  stepMs?: number;
} {
  const u = promBaseUrl(cfg.url);
  const base = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  if (cfg.step === undefined) return { base };
  const stepMs = parseDuration(cfg.step, 'metrics.prometheus.step');
  if (stepMs < 1000) throw new UserError('metrics.prometheus.step: use at least 1s (e.g. 1m)');
  return { base, stepMs };
}

/**
 * Per series: a plain selector reads the samples the server holds (`POST /api/v1/query` of
 * `selector[1d]`, a day at a time), so a window's sample count is what was scraped and
 * gate.min_samples can catch a thin series; an expression is evaluated with `POST
 * /api/v1/query_range` at each step (split into requests of at most 11,000 steps), and its
 * samples are those steps, as the run report's query description says.
 */
export class PrometheusSource implements MetricsSource {
  readonly kind = 'prometheus';
  private readonly scopes = new Map<string, Set<string>>();
  private readonly steps = new Set<number>();

  constructor(private readonly opts: PrometheusSourceOptions) {}

  async fetch(range: TimeRange, window: 'current' | 'reference'): Promise<Record<string, Series>> {
    const step = this.opts.stepMs ?? defaultStepMs(range.end - range.start);
    if (this.opts.series.some((s) => !isSelector(s.query ?? ''))) this.steps.add(step);
    const pieces = stepRequests(range, step).filter((p) => p.end >= p.start);
    const days = chunkRange(range, RAW_CHUNK_MS);
    const jobs = this.opts.series.flatMap((s) =>
      isSelector(s.query ?? '')
        ? days.map((p) => ({ s, p, raw: true }))
        : pieces.map((p) => ({ s, p, raw: false })),
    );
    const results = await mapLimit(jobs, this.opts.concurrency, ({ s, p, raw }) =>
      raw ? this.queryRaw(s, p, range) : this.query(s, s.query ?? '', p, step, range),
    );
    return mergeGroups(this.opts.series, jobs, results, this.scopes, (s) =>
      this.opts.notes.warn(
        `metrics: Prometheus returned no series for "${s.name}" (${s.query}) in the ${window} window; check the metric name and labels`,
      ),
    );
  }

  async latest(before: number): Promise<number | undefined> {
    // timestamp() yields each sample's own time (not the step's), so the newest is exact for
    // plain selectors; for computed expressions it is the last step with a value.
    const range = { start: before - 86_400_000, end: before + 1 };
    let newest: number | undefined;
    for (const s of this.opts.series) {
      const step = 60_000;
      for (const p of stepRequests(range, step)) {
        const groups = await this.query(s, `timestamp(${s.query ?? ''})`, p, step, range);
        for (const g of groups) {
          for (const v of g.values) {
            const t = Math.round(v * 1000);
            if (Number.isFinite(t) && t <= before && (newest === undefined || t > newest))
              newest = t;
          }
        }
      }
    }
    return newest;
  }

  describe(): QueryDescription[] {
    const steps = [...this.steps].map((s) => `${s / 1000}s`).join('/');
    return this.opts.series.map((s) => {
      const scopes = [...(this.scopes.get(s.name) ?? [])];
      // Say what a "sample" of this series is: what was scraped, or one evaluation per step.
      const counted = isSelector(s.query ?? '')
        ? 'samples as scraped'
        : `step ${steps || '?'}; samples are evaluation steps, not scrapes`;
      return {
        series: s.name,
        query: `prometheus ${this.opts.url}: ${s.query ?? ''} (${counted})`,
        ...(scopes.length ? { scopes } : {}),
      };
    });
  }

  /** The samples the server holds for a selector in [p.start, p.end): `selector[d]` at p.end. */
  private queryRaw(s: SeriesConfig, p: TimeRange, range: TimeRange): Promise<PromGroup[]> {
    // A range selector covers (time - d, time] (both ends closed before Prometheus 3): evaluated
    // 1 ms before the piece's end it covers [start, end) in milliseconds; parseMatrix trims.
    const time = p.end - 1;
    return this.request(
      s,
      'query',
      { query: `${(s.query ?? '').trim()}[${p.end - p.start}ms]`, time: (time / 1000).toFixed(3) },
      range,
    );
  }

  private async query(
    s: SeriesConfig,
    query: string,
    p: { start: number; end: number },
    stepMs: number,
    range: TimeRange,
  ): Promise<PromGroup[]> {
    return this.request(
      s,
      'query_range',
      {
        query,
        start: (p.start / 1000).toFixed(3),
        end: (p.end / 1000).toFixed(3),
        step: `${stepMs / 1000}`,
      },
      range,
    );
  }

  private async request(
    s: SeriesConfig,
    api: 'query' | 'query_range',
    params: Record<string, string>,
    range: TimeRange,
  ): Promise<PromGroup[]> {
    if (!s.query)
      throw new UserError(
        `metrics.series: series "${s.name}" needs a "query" for the Prometheus source`,
      );
    const url = `${this.opts.url}/api/v1/${api}`;
    const body = new URLSearchParams(params);
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    };
    if (this.opts.auth.kind !== 'none') headers.Authorization = this.opts.auth.header;
    const res = await requestWithRetry(
      url,
      { method: 'POST', headers, body: body.toString() },
      {
        system: 'Prometheus',
        policy: this.opts.retry ?? DEFAULT_RETRY,
        sleep: this.opts.sleep ?? realSleep,
        signal: this.opts.signal,
        timeoutMs: this.opts.timeoutMs ?? 120_000,
      },
    );
    const what = `series "${s.name}" (${s.query})`;
    let env: {
      status?: unknown;
      errorType?: unknown;
      error?: unknown;
      data?: unknown;
      warnings?: unknown;
    };
    try {
      env = JSON.parse(res.text) as typeof env;
    } catch {
      env = {};
    }
    if (res.status === 401 || res.status === 403) {
      throw new UserError(
        `Prometheus refused ${what} with HTTP ${res.status} (${excerpt(res.text) || 'no body'}): check the prometheus-username/prometheus-password or prometheus-token inputs and metrics.prometheus.auth`,
      );
    }
    if (env.status === 'error')
      throw promError(String(env.errorType), String(env.error), what, res.status, res.attempts);
    if (res.status === 404) {
      throw new UserError(
        `Prometheus answered HTTP 404 at ${url}: metrics.prometheus.url should be the server's base URL (e.g. http://prometheus:9090, without /api/v1)`,
      );
    }
    if (res.status !== 200 || env.status !== 'success') {
      const msg = `Prometheus answered ${what} with HTTP ${res.status} and ${env.status === undefined ? `a body that is not its JSON envelope ("${excerpt(res.text)}")` : `status "${String(env.status)}"`}`;
      if (res.status >= 500) throw new Error(`${msg} after ${res.attempts} attempts`);
      throw new UserError(`${msg}; is metrics.prometheus.url pointing at Prometheus?`);
    }
    if (Array.isArray(env.warnings)) {
      for (const w of env.warnings)
        this.opts.notes.warn(`metrics: Prometheus warned about ${what}: ${String(w)}`);
    }
    try {
      return parseMatrix(env.data, range);
    } catch (e) {
      throw new UserError(
        `Prometheus answered ${what} with a malformed payload: ${(e as Error).message}`,
      );
    }
  }
}

/** One message per Prometheus errorType, with the fix. */
export function promError(
  type: string,
  error: string,
  what: string,
  status: number,
  attempts: number,
): Error {
  switch (type) {
    case 'bad_data':
      if (error.includes('exceeded maximum resolution')) {
        return new UserError(`Prometheus refused ${what}: ${error}; raise metrics.prometheus.step`);
      }
      return new UserError(
        `Prometheus rejected the query of ${what}: ${error}; fix metrics.series[].query`,
      );
    case 'execution':
      return new UserError(
        `Prometheus could not evaluate ${what}: ${error}; fix metrics.series[].query`,
      );
    case 'timeout':
      return new Error(
        `Prometheus timed out evaluating ${what} after ${attempts} attempt(s): ${error}; shorten the windows, raise metrics.prometheus.step, or simplify the query`,
      );
    case 'canceled':
      return new Error(`Prometheus canceled the query of ${what}: ${error}`);
    case 'not_found':
      return new UserError(
        `Prometheus answered not_found for ${what}: ${error}; check metrics.prometheus.url`,
      );
    default:
      return new Error(
        `Prometheus failed on ${what} (${type}, HTTP ${status}, ${attempts} attempt(s)): ${error}`,
      );
  }
}
