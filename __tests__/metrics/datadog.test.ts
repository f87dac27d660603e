import { createServer } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { chunkRange } from '../../src/metrics/chunks.js';
import type { MetricsConfig } from '../../src/metrics/config.js';
import {
  DatadogSource,
  datadogBaseUrl,
  parseDatadogResponse,
  unitOf,
} from '../../src/metrics/datadog.js';
import { DEFAULT_RETRY, RateLimitPause, realSleep, retryDelay } from '../../src/metrics/http.js';
import { fetchMetrics } from '../../src/metrics/index.js';
import { Notes } from '../../src/metrics/notes.js';
import { freePort } from '../support/ports.js';
import {
  startDatadogStandin,
  type DatadogStandin,
  type StandinSeries,
} from '../support/datadog-standin.js';
import { arr, testContext } from './context.js';

const NOW = '2026-03-01T00:00:00Z';
const END = Date.parse(NOW);
const MIN = 60_000;
const DAY = 86_400_000;

/** 1-minute samples over [start, end): value = f(t). */
function minutely(
  metric: string,
  tags: string[],
  start: number,
  end: number,
  f: (t: number) => number,
): StandinSeries {
  const ts: number[] = [];
  const vs: number[] = [];
  for (let t = start; t < end; t += MIN) {
    ts.push(t);
    vs.push(f(t));
  }
  return { metric, tags, timestamps: ts, values: vs };
}

describe('datadog: pure parts', () => {
  const u = (short: string, name = short) => ({
    family: 'x',
    name,
    plural: `${name}s`,
    short_name: short,
  });
  it.each([
    [[u('ms', 'millisecond'), null], 'ms'],
    [[u('B', 'byte'), u('s', 'second')], 'B/s'],
    [[{ name: 'request' }, null], 'request'],
    [[null, null], undefined],
    [null, undefined],
    ['ms', undefined],
  ])('unit %j reads as %s', (raw, expected) => {
    expect(unitOf(raw)).toBe(expected);
  });

  it.each([
    [undefined, undefined, 'https://api.datadoghq.com'],
    ['datadoghq.eu', undefined, 'https://api.datadoghq.eu'],
    ['us3.datadoghq.com', undefined, 'https://api.us3.datadoghq.com'],
    ['us5.datadoghq.com', undefined, 'https://api.us5.datadoghq.com'],
    ['ap1.datadoghq.com', undefined, 'https://api.ap1.datadoghq.com'],
    ['ddog-gov.com', undefined, 'https://api.ddog-gov.com'],
    ['https://app.datadoghq.eu', undefined, 'https://api.datadoghq.eu'],
    ['datadoghq.eu', 'http://127.0.0.1:8126/', 'http://127.0.0.1:8126'],
  ])('site %s, api_url %s → %s', (site, apiUrl, expected) => {
    expect(datadogBaseUrl(site, apiUrl)).toBe(expected);
  });

  it.each([
    [
      'datadog.com',
      undefined,
      /metrics.datadog.site: "datadog.com" is not a Datadog site; use one of datadoghq.com/,
    ],
    [undefined, 'api.datadoghq.com', /metrics.datadog.api_url: "api.datadoghq.com" is not a URL/],
    [undefined, 'ftp://x', /must start with https:\/\/ or http:\/\//],
  ])('rejects site %s / api_url %s', (site, apiUrl, message) => {
    expect(() => datadogBaseUrl(site, apiUrl)).toThrow(message);
  });

  const h = (o: Record<string, string>) => new Headers(o);
  it.each([
    [
      '429 honours X-RateLimit-Reset (seconds from now)',
      429,
      h({ 'X-RateLimit-Reset': '7' }),
      1,
      7000,
    ],
    ['429 with reset 0 retries at once', 429, h({ 'x-ratelimit-reset': '0' }), 2, 0],
    ['429 with Retry-After seconds', 429, h({ 'Retry-After': '3' }), 1, 3000],
    [
      '429 with Retry-After date',
      429,
      h({ 'Retry-After': new Date(1_000_000 + 5000).toUTCString() }),
      1,
      5000,
    ],
    ['429 without hints backs off', 429, h({}), 3, 4000],
    ['429 capped by the policy', 429, h({ 'X-RateLimit-Reset': '3600' }), 1, 60_000],
    ['500 backs off exponentially', 500, h({}), 1, 1000],
    ['503 third try', 503, h({}), 3, 4000],
    ['400 never retried', 400, h({}), 1, undefined],
    ['403 never retried', 403, h({ 'X-RateLimit-Reset': '1' }), 1, undefined],
    ['200 is final', 200, h({}), 1, undefined],
  ])('retryDelay: %s', (_n, status, headers, attempt, expected) => {
    expect(retryDelay(status, headers, attempt, DEFAULT_RETRY, 1_000_000)).toBe(expected);
  });

  it.each([
    [
      { start: 0, end: 10 },
      4,
      [
        [0, 4],
        [4, 8],
        [8, 10],
      ],
    ],
    [
      { start: 0, end: 8 },
      4,
      [
        [0, 4],
        [4, 8],
      ],
    ],
    [{ start: 0, end: 3 }, 4, [[0, 3]]],
    [{ start: 5, end: 5 }, 4, []],
  ])('chunkRange(%j, %d)', (range, size, expected) => {
    expect(chunkRange(range, size).map((c) => [c.start, c.end])).toEqual(expected);
  });

  it.each([
    [
      'nulls are dropped, never zeros; out-of-range points trimmed',
      {
        status: 'ok',
        series: [
          {
            scope: 'a:1',
            pointlist: [
              [900.0, 5],
              [1000.0, 1],
              [1020.0, null],
              [1040.0, 2],
              [2000.0, 3],
            ],
          },
        ],
      },
      [{ scope: 'a:1', timestamps: [1000, 1040], values: [1, 2] }],
    ],
    [
      'several groups kept apart with their scopes',
      {
        status: 'ok',
        series: [
          { scope: 'v:1', pointlist: [[1000, 1]] },
          { tag_set: ['v:2'], pointlist: [[1000, 2]] },
          { pointlist: [] },
        ],
      },
      [
        { scope: 'v:1', timestamps: [1000], values: [1] },
        { scope: 'v:2', timestamps: [1000], values: [2] },
        { scope: '*', timestamps: [], values: [] },
      ],
    ],
    ['no series', { status: 'ok', series: [] }, []],
  ])('parseDatadogResponse: %s', (_n, body, expected) => {
    expect(parseDatadogResponse(body, { start: 1000, end: 2000 })).toEqual(expected);
  });

  it.each([
    [{ status: 'ok' }, /no "series" array/],
    [{ series: [{ scope: '*' }] }, /no "pointlist"/],
    [{ series: [{ pointlist: [['x', 1]] }] }, /not \[ms, value\]/],
    [{ series: [{ pointlist: [[1000, '1']] }] }, /not a number/],
  ])('parseDatadogResponse rejects %j', (body, message) => {
    expect(() => parseDatadogResponse(body, { start: 0, end: 2000 })).toThrow(message);
  });
});

describe('datadog: against the stand-in', () => {
  let dd: DatadogStandin;
  beforeAll(async () => {
    dd = await startDatadogStandin();
  });
  afterAll(async () => {
    await dd.close();
  });
  beforeEach(() => {
    dd.setData([]);
    dd.requests.length = 0;
  });

  const secrets = () => ({ datadogApiKey: dd.apiKey, datadogAppKey: dd.appKey });
  const config = (
    series: MetricsConfig['series'],
    extra: Partial<MetricsConfig> = {},
  ): MetricsConfig => ({
    source: 'datadog',
    series,
    windows: { current: { duration: '1d' }, reference: { duration: '1d' } },
    datadog: { api_url: dd.url, chunk: '4h', concurrency: 3 },
    ...extra,
  });

  it('keeps 1-minute resolution across chunks, seconds out and milliseconds back', async () => {
    const f = (t: number) => Math.sin(t / 3_600_000) + (t >= END - DAY ? 1 : 0);
    dd.setData([minutely('ml.model.score', ['model:churn'], END - 3 * DAY, END, f)]);
    const { ctx } = testContext({ now: NOW, secrets: secrets() });
    const res = await fetchMetrics(
      config([{ name: 'score', query: 'avg:ml.model.score{model:churn}' }]),
      ctx,
    );
    const cur = res.current.series.score!;
    expect(cur.timestamps.length).toBe(1440);
    expect(cur.timestamps[0]).toBe(END - DAY);
    expect(cur.timestamps[1439]).toBe(END - MIN);
    for (const i of [0, 500, 1439]) expect(cur.values[i]).toBeCloseTo(f(cur.timestamps[i]!), 12);
    expect(res.points.score).toEqual({ current: 1440, reference: 1440 });
    expect(res.reference!.series.score!.timestamps[0]).toBe(END - 2 * DAY);
    expect(res.queries).toEqual([
      {
        series: 'score',
        query: `datadog ${dd.url}: avg:ml.model.score{model:churn}`,
        scopes: ['model:churn'],
      },
    ]);
    expect(dd.requests.every((r) => r.to - r.from <= 4 * 3600)).toBe(true);
    expect(res.warnings).toEqual([]);
  });

  it('concatenates the groups of a "by" query and records their scopes', async () => {
    dd.setData([
      minutely(
        'ml.latency',
        ['model:churn', 'model_version:v6'],
        END - DAY,
        END - DAY / 2,
        () => 10,
      ),
      minutely('ml.latency', ['model:churn', 'model_version:v7'], END - DAY / 2, END, () => 20),
      minutely('ml.latency', ['model:other', 'model_version:v1'], END - DAY, END, () => 99),
    ]);
    const { ctx } = testContext({ now: NOW, secrets: secrets() });
    const res = await fetchMetrics(
      config([{ name: 'latency', query: 'avg:ml.latency{model:churn} by {model_version}' }], {
        windows: { current: { duration: '1d' } },
      }),
      ctx,
    );
    const s = res.current.series.latency!;
    expect(s.timestamps.length).toBe(1440);
    expect(new Set(arr(s.values))).toEqual(new Set([10, 20]));
    expect(arr(s.timestamps)).toEqual([...arr(s.timestamps)].sort((a, b) => a - b));
    expect(res.queries[0]!.scopes?.sort()).toEqual([
      'model:churn,model_version:v6',
      'model:churn,model_version:v7',
    ]);
  });

  it("reads each series' unit and reports it with the query", async () => {
    const ms = { family: 'time', name: 'millisecond', plural: 'milliseconds', short_name: 'ms' };
    dd.setData([
      { ...minutely('ml.latency', ['model:churn'], END - DAY, END, () => 12), unit: [ms, null] },
      minutely('ml.score', ['model:churn'], END - DAY, END, () => 0.5),
    ]);
    const { ctx } = testContext({ now: NOW, secrets: secrets() });
    const res = await fetchMetrics(
      config(
        [
          { name: 'latency', query: 'avg:ml.latency{model:churn}' },
          { name: 'score', query: 'avg:ml.score{model:churn}' },
        ],
        { windows: { current: { duration: '1d' } } },
      ),
      ctx,
    );
    expect(res.queries.map((q) => [q.series, q.unit])).toEqual([
      ['latency', 'ms'],
      ['score', undefined],
    ]);
  });

  it('treats empty buckets as missing, never as zero', async () => {
    const s = minutely('ml.gappy', [], END - DAY, END, () => 1);
    // Drop two hours in the middle of the window.
    const keep = (s.timestamps as number[])
      .map((t, i) => [t, i] as const)
      .filter(([t]) => t < END - 10 * 3_600_000 || t >= END - 8 * 3_600_000);
    dd.setData([
      { metric: 'ml.gappy', tags: [], timestamps: keep.map(([t]) => t), values: keep.map(() => 1) },
    ]);
    const { ctx } = testContext({ now: NOW, secrets: secrets() });
    const res = await fetchMetrics(
      config([{ name: 'g', query: 'ml.gappy{*}' }], { windows: { current: { duration: '1d' } } }),
      ctx,
    );
    expect(res.points.g!.current).toBe(1440 - 120);
    expect(arr(res.current.series.g!.values).every((v) => v === 1)).toBe(true);
  });

  it('an unknown metric gives a warning and empty series', async () => {
    const { ctx } = testContext({ now: NOW, secrets: secrets() });
    const res = await fetchMetrics(config([{ name: 'nope', query: 'avg:does.not.exist{*}' }]), ctx);
    expect(res.current.series.nope!.timestamps.length).toBe(0);
    expect(res.reference!.series.nope!.timestamps.length).toBe(0);
    expect(res.points.nope).toEqual({ current: 0, reference: 0 });
    expect(res.warnings).toContain(
      'metrics: Datadog returned no series for "nope" (avg:does.not.exist{*}) in the current window; check the metric name and tags',
    );
  });

  it('anchors windows at the newest bucket with end: latest', async () => {
    dd.setData([minutely('ml.m', [], END - 2 * DAY, END - 5 * 3_600_000, () => 1)]);
    const { ctx } = testContext({ now: NOW, secrets: secrets() });
    const res = await fetchMetrics(
      config([{ name: 'm', query: 'avg:ml.m{*}' }], {
        windows: { end: 'latest', current: { duration: '1h' } },
      }),
      ctx,
    );
    expect(res.current.range.end).toBe(END - 5 * 3_600_000 - MIN + 1);
    expect(res.points.m!.current).toBe(60);
  });

  function source(over: Partial<ConstructorParameters<typeof DatadogSource>[0]> = {}) {
    const slept: number[] = [];
    let clock = Date.now();
    const notes = new Notes(silentLogger);
    const src = new DatadogSource({
      series: [{ name: 'm', query: 'avg:ml.m{*}' }],
      baseUrl: dd.url,
      site: 'test',
      apiKey: dd.apiKey,
      appKey: dd.appKey,
      chunkMs: 4 * 3_600_000,
      concurrency: 1,
      notes,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
      now: () => clock,
      ...over,
    });
    return { src, slept, notes };
  }
  const hour = { start: END - 3_600_000, end: END };

  it('waits out a 429 for the X-RateLimit-Reset seconds, then gets the data', async () => {
    dd.setData([minutely('ml.m', [], END - DAY, END, () => 2)]);
    dd.failNext(2, 429, 7);
    const { src, slept } = source();
    const got = await src.fetch(hour, 'current');
    expect(got.m!.timestamps.length).toBeGreaterThan(0);
    expect(slept).toEqual([7000, 7000]);
  });

  it('holds back once X-RateLimit-Remaining reaches 0, so no query is refused', async () => {
    // A real limit: 3 queries per 1-second period; 7 one-hour chunks, one at a time.
    const limited = await startDatadogStandin({ rateLimit: { limit: 3, periodSeconds: 1 } });
    try {
      limited.setData([minutely('ml.m', [], END - DAY, END, () => 2)]);
      const { src } = source({
        baseUrl: limited.url,
        apiKey: limited.apiKey,
        appKey: limited.appKey,
        chunkMs: 3_600_000,
        sleep: realSleep, // the limit's periods pass in real time
        now: Date.now,
      });
      const got = await src.fetch({ start: END - 7 * 3_600_000, end: END }, 'current');
      expect(got.m!.timestamps.length).toBe(7 * 60);
      expect(limited.requests).toHaveLength(7);
      expect(limited.refused).toBe(0);
    } finally {
      await limited.close();
    }
  });

  it('retries 5xx with growing backoff', async () => {
    dd.setData([minutely('ml.m', [], END - DAY, END, () => 2)]);
    dd.failNext(2, 503);
    const { src, slept } = source();
    const got = await src.fetch(hour, 'current');
    expect(got.m!.timestamps.length).toBeGreaterThan(0);
    expect(slept).toEqual([1000, 2000]);
  });

  it('gives up after the last attempt with the status and the limit name', async () => {
    dd.failNext(3, 429, 1);
    const { src } = source({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 10 } });
    await expect(src.fetch(hour, 'current')).rejects.toThrow(
      /Datadog still answered HTTP 429 for series "m" \(avg:ml.m\{\*\}\) after 3 attempts \(Rate limit of 1600 requests.*rate limit "query_timeseries"/,
    );
  });

  it.each([
    [
      'wrong keys',
      { apiKey: 'wrong-key-123' },
      /Datadog refused series "m" .* HTTP 403 \(Forbidden\): check the datadog-api-key and datadog-app-key inputs/,
    ],
    [
      'bad query',
      { series: [{ name: 'm', query: 'avg:ml.m{model:churn' }] },
      /Datadog rejected the query of series "m" \(avg:ml.m\{model:churn\): Error parsing query/,
    ],
  ])('%s → one clear UserError', async (_n, over, message) => {
    const { src } = source(over);
    const err = await src.fetch(hour, 'current').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('wrong-key-123');
  });

  it('surfaces status "error" in a 200 answer', async () => {
    dd.failNext(1, 'status-error');
    const { src } = source();
    await expect(src.fetch(hour, 'current')).rejects.toThrow(
      'Datadog could not run the query of series "m" (avg:ml.m{*}): Query timed out',
    );
  });

  it.each([
    [
      'datadogApiKey',
      { datadogAppKey: 'x' },
      /^datadog-api-key: the Datadog source needs an API key/,
    ],
    [
      'datadogAppKey',
      { datadogApiKey: 'x' },
      /^datadog-app-key: the Datadog source needs an application key/,
    ],
  ])('missing %s names the input', async (_n, secrets, message) => {
    const { ctx } = testContext({ now: NOW, secrets });
    await expect(fetchMetrics(config([{ name: 'm', query: 'avg:ml.m{*}' }]), ctx)).rejects.toThrow(
      message,
    );
  });

  it('an unreachable server says so', async () => {
    const port = await freePort();
    const { src } = source({ baseUrl: `http://127.0.0.1:${port}` });
    await expect(src.fetch(hour, 'current')).rejects.toThrow(
      `cannot reach Datadog at http://127.0.0.1:${port}/api/v1/query: is the URL right? (ECONNREFUSED)`,
    );
  });

  it('a non-JSON answer (a proxy page) is a malformed payload', async () => {
    const server = createServer((_q, r) => {
      r.writeHead(200, { 'Content-Type': 'text/html' });
      r.end('<html><body>Sign in</body></html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      const { src } = source({ baseUrl: `http://127.0.0.1:${port}` });
      await expect(src.fetch(hour, 'current')).rejects.toThrow(
        /malformed payload \(not JSON: "<html><body>Sign in<\/body><\/html>"\)/,
      );
    } finally {
      server.close();
    }
  });
});

describe('RateLimitPause', () => {
  it.each([
    [
      'nothing left, reset in 3 s',
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '3' },
      [3000],
    ],
    ['requests left', { 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '3' }, []],
    ['no reset given', { 'x-ratelimit-remaining': '0' }, []],
    [
      'a reset past the longest wait',
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '7200' },
      [60_000],
    ],
    ['no rate-limit headers', {}, []],
  ])('%s', async (_label, headers, want) => {
    let clock = 1_000_000;
    const slept: number[] = [];
    const sleep = async (ms: number): Promise<void> => {
      slept.push(ms);
      clock += ms;
    };
    const pause = new RateLimitPause(() => clock);
    pause.observe(new Headers(headers));
    await pause.wait(sleep, 60_000);
    await pause.wait(sleep, 60_000); // served: the next request goes at once
    expect(slept).toEqual(want);
  });
});
