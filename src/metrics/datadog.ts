import { mapLimit } from '../concurrency.js';
import { parseDuration } from '../config/duration.js';
import { UserError } from '../errors.js';
import { chunkRange } from './chunks.js';
import type { SeriesConfig } from './config.js';
import {
  DEFAULT_RETRY,
  excerpt,
  RateLimitPause,
  realSleep,
  requestWithRetry,
  type RetryPolicy,
  type Sleep,
} from './http.js';
import type { Notes } from './notes.js';
import { mergeGroups, type QueryGroup } from './groups.js';
import type { MetricsSource, QueryDescription, Series, TimeRange } from './types.js';

/** Datadog sites (https://api.<site>), from the API's server list. */
export const DATADOG_SITES = [
  'datadoghq.com',
  'us3.datadoghq.com',
  'us5.datadoghq.com',
  'datadoghq.eu',
  'ap1.datadoghq.com',
  'ap2.datadoghq.com',
  'uk1.datadoghq.com',
  'ddog-gov.com',
  'us2.ddog-gov.com',
] as const;

/** The API base: an explicit api_url (proxies, tests) wins over the site. */
export function datadogBaseUrl(site: string | undefined, apiUrl: string | undefined): string {
  if (apiUrl) {
    let u: URL;
    try {
      u = new URL(apiUrl);
    } catch {
      throw new UserError(
        `metrics.datadog.api_url: "${apiUrl}" is not a URL; use e.g. https://api.datadoghq.eu`,
      );
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') {
      throw new UserError(
        `metrics.datadog.api_url: "${apiUrl}" must start with https:// or http://`,
      );
    }
    return apiUrl.replace(/\/+$/, '');
  }
  const s = (site ?? 'datadoghq.com')
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^(api|app)\./, '');
  if (!(DATADOG_SITES as readonly string[]).includes(s)) {
    throw new UserError(
      `metrics.datadog.site: "${site}" is not a Datadog site; use one of ${DATADOG_SITES.join(', ')} (or metrics.datadog.api_url for a proxy)`,
    );
  }
  return `https://api.${s}`;
}

/** One group of a v1 query response, with its samples inside the requested range. */
export type DatadogGroup = QueryGroup;

/**
 * Reads a MetricsQueryResponse. Points are [ms, value|null]; null means "no data" (never 0)
 * and is dropped; samples outside [start, end) are dropped so adjacent chunks never overlap.
 */
export function parseDatadogResponse(body: unknown, range: TimeRange): DatadogGroup[] {
  const res = body as { status?: unknown; error?: unknown; series?: unknown };
  if (!res || typeof res !== 'object' || !Array.isArray(res.series)) {
    throw new Error('the response has no "series" array');
  }
  const groups: DatadogGroup[] = [];
  for (const raw of res.series as unknown[]) {
    const s = raw as { scope?: unknown; tag_set?: unknown; pointlist?: unknown; unit?: unknown };
    if (!s || typeof s !== 'object' || !Array.isArray(s.pointlist)) {
      throw new Error('a series has no "pointlist" array');
    }
    const scope =
      typeof s.scope === 'string'
        ? s.scope
        : Array.isArray(s.tag_set) && s.tag_set.length
          ? s.tag_set.join(',')
          : '*';
    const g: DatadogGroup = { scope, timestamps: [], values: [] };
    const unit = unitOf(s.unit);
    if (unit) g.unit = unit;
    for (const p of s.pointlist as unknown[]) {
      if (!Array.isArray(p) || typeof p[0] !== 'number')
        throw new Error(`a point is not [ms, value]: ${JSON.stringify(p)}`);
      const [t, v] = p as [number, unknown];
      if (v === null || v === undefined) continue;
      if (typeof v !== 'number')
        throw new Error(`a point value is not a number: ${JSON.stringify(p)}`);
      if (t < range.start || t >= range.end) continue;
      g.timestamps.push(t);
      g.values.push(v);
    }
    groups.push(g);
  }
  return groups;
}

/**
 * A series' `unit`: `[primary, per]`, each `{short_name, name, plural, …}` or null, e.g.
 * millisecond, or byte per second ("B/s"). Undefined when Datadog gives none.
 */
export function unitOf(raw: unknown): string | undefined {
  if (!Array.isArray(raw)) return undefined;
  const name = (u: unknown): string | undefined => {
    if (!u || typeof u !== 'object') return undefined;
    const o = u as { short_name?: unknown; name?: unknown };
    const n = typeof o.short_name === 'string' && o.short_name ? o.short_name : o.name;
    return typeof n === 'string' && n ? n : undefined;
  };
  const primary = name(raw[0]);
  if (!primary) return undefined;
  const per = name(raw[1]);
  return per ? `${primary}/${per}` : primary;
}

export interface DatadogSourceOptions {
  series: SeriesConfig[];
  baseUrl: string;
  site: string;
  apiKey?: string;
  appKey?: string;
  /** Window pieces fetched separately so Datadog's rollup keeps a fine interval. */
  chunkMs: number;
  concurrency: number;
  notes: Notes;
  signal?: AbortSignal;
  sleep?: Sleep;
  /** The clock that sleep moves (tests inject both). */
  now?: () => number;
  retry?: RetryPolicy;
  timeoutMs?: number;
}

/** Default chunk: 4 h, which Datadog answers at 1-minute resolution. */
export const DEFAULT_DATADOG_CHUNK = '4h';

export function datadogChunkMs(chunk: string | number | undefined): number {
  const ms = parseDuration(chunk ?? DEFAULT_DATADOG_CHUNK, 'metrics.datadog.chunk');
  if (ms < 60_000) throw new UserError('metrics.datadog.chunk: use at least 1m (e.g. 4h)');
  return ms;
}

/** `GET /api/v1/query` per series and window chunk. */
export class DatadogSource implements MetricsSource {
  readonly kind = 'datadog';
  private readonly scopes = new Map<string, Set<string>>();
  /** The unit Datadog gave each series (first group that had one). */
  private readonly units = new Map<string, string>();
  /** Every query counts against the organisation's one query_timeseries limit. */
  private readonly pause: RateLimitPause;

  constructor(private readonly opts: DatadogSourceOptions) {
    this.pause = new RateLimitPause(opts.now);
    if (!opts.apiKey) {
      throw new UserError(
        'datadog-api-key: the Datadog source needs an API key; pass the datadog-api-key input (from a secret)',
      );
    }
    if (!opts.appKey) {
      throw new UserError(
        'datadog-app-key: the Datadog source needs an application key with the timeseries_query scope; pass the datadog-app-key input (from a secret)',
      );
    }
  }

  async fetch(range: TimeRange, window: 'current' | 'reference'): Promise<Record<string, Series>> {
    const chunks = chunkRange(range, this.opts.chunkMs);
    const jobs = this.opts.series.flatMap((s) => chunks.map((c) => ({ s, c })));
    const results = await mapLimit(jobs, this.opts.concurrency, ({ s, c }) => this.query(s, c));
    results.forEach((groups, i) => {
      const name = jobs[i]?.s.name;
      const unit = groups.find((g) => g.unit)?.unit;
      if (name && unit && !this.units.has(name)) this.units.set(name, unit);
    });
    return mergeGroups(this.opts.series, jobs, results, this.scopes, (s) =>
      this.opts.notes.warn(
        `metrics: Datadog returned no series for "${s.name}" (${s.query}) in the ${window} window; check the metric name and tags`,
      ),
    );
  }

  async latest(before: number): Promise<number | undefined> {
    // A coarse look over the last day finds the newest bucket (5-minute rollup); a second look
    // at that hour narrows it to Datadog's finest interval (20 s).
    let newest: number | undefined;
    for (const s of this.opts.series) {
      const coarse = newestOf(await this.query(s, { start: before - 86_400_000, end: before + 1 }));
      if (coarse === undefined) continue;
      const fine =
        newestOf(
          await this.query(s, { start: coarse, end: Math.min(before + 1, coarse + 3_600_000) }),
        ) ?? coarse;
      if (newest === undefined || fine > newest) newest = fine;
    }
    return newest;
  }

  describe(): QueryDescription[] {
    return this.opts.series.map((s) => {
      const scopes = [...(this.scopes.get(s.name) ?? [])];
      const unit = this.units.get(s.name);
      return {
        series: s.name,
        query: `datadog ${this.opts.site}: ${s.query ?? ''}`,
        ...(scopes.length ? { scopes } : {}),
        ...(unit ? { unit } : {}),
      };
    });
  }

  private async query(s: SeriesConfig, range: TimeRange): Promise<DatadogGroup[]> {
    const query = s.query;
    if (!query)
      throw new UserError(
        `metrics.series: series "${s.name}" needs a "query" for the Datadog source`,
      );
    // The v1 API takes seconds; widen to whole seconds and trim to the range afterwards.
    const from = Math.floor(range.start / 1000);
    const to = Math.ceil(range.end / 1000);
    const url = `${this.opts.baseUrl}/api/v1/query?${new URLSearchParams({ from: String(from), to: String(to), query })}`;
    const res = await requestWithRetry(
      url,
      {
        headers: {
          'DD-API-KEY': this.opts.apiKey as string,
          'DD-APPLICATION-KEY': this.opts.appKey as string,
          Accept: 'application/json',
        },
      },
      {
        system: 'Datadog',
        policy: this.opts.retry ?? DEFAULT_RETRY,
        sleep: this.opts.sleep ?? realSleep,
        signal: this.opts.signal,
        timeoutMs: this.opts.timeoutMs ?? 60_000,
        pause: this.pause,
      },
    );
    const body = parseJson(res.text);
    const what = `series "${s.name}" (${query})`;
    if (res.status === 401 || res.status === 403) {
      throw new UserError(
        `Datadog refused ${what} with HTTP ${res.status} (${errorsOf(body, res.text)}): check the datadog-api-key and datadog-app-key inputs, and that metrics.datadog.site ("${this.opts.site}") is your organisation's site`,
      );
    }
    if (res.status === 400) {
      throw new UserError(
        `Datadog rejected the query of ${what}: ${errorsOf(body, res.text)}; fix metrics.series[].query`,
      );
    }
    if (res.status === 429 || res.status >= 500) {
      throw new Error(
        `Datadog still answered HTTP ${res.status} for ${what} after ${res.attempts} attempts (${errorsOf(body, res.text)})${rateLimitName(res.headers)}`,
      );
    }
    if (res.status !== 200) {
      throw new UserError(
        `Datadog answered HTTP ${res.status} for ${what} (${errorsOf(body, res.text)}); check metrics.datadog.site / metrics.datadog.api_url`,
      );
    }
    if (body === undefined) {
      throw new UserError(
        `Datadog answered ${what} with a malformed payload (not JSON: "${excerpt(res.text)}"); is metrics.datadog.api_url pointing at the Datadog API?`,
      );
    }
    const status = (body as { status?: unknown }).status;
    if (status !== undefined && status !== 'ok') {
      const error = (body as { error?: unknown }).error;
      throw new UserError(
        `Datadog could not run the query of ${what}: ${String(error ?? status)}; fix metrics.series[].query`,
      );
    }
    try {
      return parseDatadogResponse(body, range);
    } catch (e) {
      throw new UserError(
        `Datadog answered ${what} with a malformed payload: ${(e as Error).message}`,
      );
    }
  }
}

function newestOf(groups: DatadogGroup[]): number | undefined {
  let newest: number | undefined;
  for (const g of groups) {
    const t = g.timestamps[g.timestamps.length - 1];
    if (t !== undefined && (newest === undefined || t > newest)) newest = t;
  }
  return newest;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Datadog's own words: APIErrorResponse {"errors": [...]}, else the body. */
function errorsOf(body: unknown, text: string): string {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(errors) && errors.length) return excerpt(errors.map(String).join('; '));
  return excerpt(text) || 'empty body';
}

function rateLimitName(headers: Headers): string {
  const name = headers.get('x-ratelimit-name');
  return name ? `; rate limit "${name}"` : '';
}
