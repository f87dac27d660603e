import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { evaluateGate } from '../../src/gate/index.js';
import { silentLogger } from '../../src/logger.js';
import type { MetricsConfig } from '../../src/metrics/config.js';
import { fetchMetrics } from '../../src/metrics/index.js';
import { Notes } from '../../src/metrics/notes.js';
import {
  defaultStepMs,
  isSelector,
  parseMatrix,
  promAuth,
  promError,
  promValue,
  PrometheusSource,
  stepRequests,
} from '../../src/metrics/prometheus.js';
import { freePort } from '../support/ports.js';
import {
  PROM_PASSWORD,
  PROM_TOKEN,
  PROM_USER,
  startBearerProxy,
  startPrometheus,
  type PrometheusServer,
  type PromSample,
} from '../support/prometheus.js';
import { arr, testContext } from './context.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

describe('prometheus: pure parts', () => {
  it.each([
    [HOUR, 60_000],
    [7 * DAY, 60_000],
    [8 * DAY, 120_000],
    [30 * DAY, 300_000],
    [3650 * DAY, 43_200_000],
  ])('defaultStepMs(%d) = %d', (dur, step) => {
    expect(defaultStepMs(dur)).toBe(step);
    expect(dur / step).toBeLessThanOrEqual(11_000);
  });

  it.each([
    ['one request', { start: 0, end: 10 * MIN }, MIN, [[0, 9 * MIN]]],
    ['aligned to the step', { start: 30_000, end: 10 * MIN + 1 }, MIN, [[MIN, 10 * MIN]]],
    [
      'split at 11,000 steps',
      { start: 0, end: 12_000 * MIN },
      MIN,
      [
        [0, 10_999 * MIN],
        [11_000 * MIN, 11_999 * MIN],
      ],
    ],
  ])('stepRequests: %s', (_n, range, step, expected) => {
    const got = stepRequests(range, step);
    expect(got.map((r) => [r.start, r.end])).toEqual(expected);
    for (const r of got) expect((r.end - r.start) / step).toBeLessThanOrEqual(11_000);
  });

  it.each([
    ['0.912', 0.912],
    ['1e-07', 1e-7],
    ['NaN', NaN],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['-3', -3],
  ])('promValue(%s)', (text, expected) => {
    expect(promValue(text)).toBe(expected);
  });

  it.each([
    ['model_score', true],
    ['model_score{model="churn", v=~"a|b"}', true],
    ['{__name__="x", a="}"}', true],
    ['  up  ', true],
    ['rate(x[5m])', false],
    ['sum(x)', false],
    ['x * 1', false],
    ['x offset 1h', false],
    ['x @ 100', false],
    ['x[5m]', false],
    ['', false],
  ])('isSelector(%j) = %s', (q, expected) => expect(isSelector(q)).toBe(expected));

  it.each([[1], [''], ['abc'], [null]])('promValue rejects %j', (text) => {
    expect(() => promValue(text)).toThrow(/sample value/);
  });

  it('parseMatrix keeps label sets and drops samples outside the range', () => {
    const data = {
      resultType: 'matrix',
      result: [
        {
          metric: { __name__: 'm', a: '1' },
          values: [
            [1, '1'],
            [2.5, 'NaN'],
            [3, '3'],
          ],
        },
        { metric: {}, values: [[2, '+Inf']] },
      ],
    };
    expect(parseMatrix(data, { start: 1000, end: 3000 })).toEqual([
      { scope: 'm{a="1"}', timestamps: [1000, 2500], values: [1, NaN] },
      { scope: '{}', timestamps: [2000], values: [Infinity] },
    ]);
  });

  it.each([
    [{ resultType: 'vector', result: [] }, /expected a matrix result, got "vector"/],
    [{ resultType: 'matrix' }, /no data.result array/],
    [
      { resultType: 'matrix', result: [{ metric: {}, values: [['x', '1']] }] },
      /not \[seconds, "value"\]/,
    ],
  ])('parseMatrix rejects %j', (data, message) => {
    expect(() => parseMatrix(data, { start: 0, end: 1 })).toThrow(message);
  });

  const u = (s: string) => new URL(s);
  it.each([
    ['nothing given', undefined, {}, 'http://p:9090', { kind: 'none' }],
    [
      'token implies bearer',
      undefined,
      { prometheusToken: 't' },
      'http://p:9090',
      { kind: 'bearer', header: 'Bearer t' },
    ],
    [
      'username implies basic',
      undefined,
      { prometheusUsername: 'u', prometheusPassword: 'p' },
      'http://p:9090',
      { kind: 'basic', header: `Basic ${btoa('u:p')}` },
    ],
    [
      'credentials in the URL',
      undefined,
      {},
      'http://u%40x:p%3Aw@p:9090',
      { kind: 'basic', header: `Basic ${btoa('u@x:p:w')}` },
    ],
    [
      'explicit none ignores secrets',
      'none',
      { prometheusToken: 't' },
      'http://p:9090',
      { kind: 'none' },
    ],
  ] as const)('promAuth: %s', (_n, mode, secrets, url, expected) => {
    expect(promAuth(mode, secrets, u(url))).toEqual(expected);
  });

  it.each([
    ['bearer', {}, /^prometheus-token: metrics.prometheus.auth is "bearer" but no token/],
    ['basic', {}, /^prometheus-username: /],
    ['basic', { prometheusUsername: 'u' }, /^prometheus-password: /],
  ] as const)('promAuth %s without credentials names the input', (mode, secrets, message) => {
    expect(() => promAuth(mode, secrets, u('http://p:9090'))).toThrow(message);
  });

  it.each([
    [
      'bad_data',
      'invalid parameter "query": 1:9: parse error: unexpected',
      UserError,
      /rejected the query of s: invalid parameter .*fix metrics.series\[\].query/,
    ],
    [
      'bad_data',
      'exceeded maximum resolution of 11,000 points per timeseries',
      UserError,
      /raise metrics.prometheus.step/,
    ],
    [
      'execution',
      'many-to-many matching not allowed',
      UserError,
      /could not evaluate s: many-to-many/,
    ],
    [
      'timeout',
      'query timed out in expression evaluation',
      Error,
      /timed out evaluating s after 5 attempt\(s\).*raise metrics.prometheus.step/,
    ],
    ['internal', 'boom', Error, /failed on s \(internal, HTTP 500, 5 attempt\(s\)\): boom/],
  ])('promError(%s)', (type, error, cls, message) => {
    const e = promError(type, error, 's', 500, 5);
    expect(e).toBeInstanceOf(cls);
    if (cls === Error) expect(e).not.toBeInstanceOf(UserError);
    expect(e.message).toMatch(message);
  });
});

describe('prometheus: against a real server with backfilled history', () => {
  // Backfilled history must end before the head block (~3 h) and stay inside retention.
  const ANCHOR = Math.floor(Date.now() / HOUR) * HOUR - 4 * HOUR;
  const NOW = new Date(ANCHOR).toISOString();
  const f = (t: number) => Math.round(1000 * Math.sin(t / HOUR)) / 1000 + 0; // + 0: no -0
  const minutes = (start: number, end: number) => {
    const ts: number[] = [];
    for (let t = start; t < end; t += MIN) ts.push(t);
    return ts;
  };
  const history: PromSample[] = [];
  {
    const ts = minutes(ANCHOR - 3 * DAY, ANCHOR);
    history.push({
      labels: { __name__: 'model_score', model: 'churn' },
      timestamps: ts,
      values: ts.map(f),
    });
    const half = ANCHOR - DAY / 2;
    const a = minutes(ANCHOR - DAY, half);
    const b = minutes(half, ANCHOR);
    history.push({
      labels: { __name__: 'model_latency', model: 'churn', version: 'v6' },
      timestamps: a,
      values: a.map(() => 10),
    });
    history.push({
      labels: { __name__: 'model_latency', model: 'churn', version: 'v7' },
      timestamps: b,
      values: b.map(() => 20),
    });
    // Scraped every 5 minutes: 288 samples a day, which a 1-minute step would show as 1440.
    const sparse: number[] = [];
    for (let t = ANCHOR - 2 * DAY; t < ANCHOR; t += 5 * MIN) sparse.push(t);
    history.push({
      labels: { __name__: 'model_sparse', model: 'churn' },
      timestamps: sparse,
      values: sparse.map(f),
    });
    const odd = [0, 1, 2, 3, 4].map((i) => ANCHOR - DAY + i * MIN);
    history.push({
      labels: { __name__: 'model_odd' },
      timestamps: odd,
      values: [1, NaN, Infinity, -Infinity, 2],
    });
  }

  let prom: PrometheusServer;
  let basic: PrometheusServer;
  let bearer: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    [prom, basic] = await Promise.all([
      startPrometheus(history),
      startPrometheus(history, { auth: 'basic' }),
    ]);
    bearer = await startBearerProxy(prom.url);
  });
  afterAll(async () => {
    await bearer?.stop();
    await Promise.all([prom?.stop(), basic?.stop()]);
  });

  const config = (
    series: MetricsConfig['series'],
    over: Partial<MetricsConfig> = {},
    url = prom.url,
  ): MetricsConfig => ({
    source: 'prometheus',
    series,
    windows: { current: { duration: '1d' }, reference: { duration: '1d' } },
    prometheus: { url },
    ...over,
  });

  it('reads both windows at 1-minute resolution', async () => {
    const { ctx } = testContext({ now: NOW });
    const res = await fetchMetrics(
      config([{ name: 'score', query: 'model_score{model="churn"}' }]),
      ctx,
    );
    const cur = res.current.series.score!;
    expect(cur.timestamps.length).toBe(1440);
    expect(cur.timestamps[0]).toBe(ANCHOR - DAY);
    expect(cur.timestamps[1439]).toBe(ANCHOR - MIN);
    expect(arr(cur.values)).toEqual(arr(cur.timestamps).map(f));
    expect(res.points.score).toEqual({ current: 1440, reference: 1440 });
    expect(res.reference!.series.score!.timestamps[0]).toBe(ANCHOR - 2 * DAY);
    expect(res.queries[0]).toEqual({
      series: 'score',
      query: `prometheus ${prom.url}: model_score{model="churn"} (samples as scraped)`,
      scopes: ['model_score{model="churn"}'],
    });
    expect(res.warnings).toEqual([]);
  });

  it('splits a range beyond 11,000 steps into several requests', async () => {
    const { ctx } = testContext({ now: NOW });
    // An expression: evaluated at each step (a plain selector reads its samples instead).
    const res = await fetchMetrics(
      config([{ name: 'score', query: 'model_score * 1' }], {
        windows: { current: { duration: '2d' } },
        prometheus: { url: prom.url, step: '10s' },
      }),
      ctx,
    );
    const cur = res.current.series.score!;
    expect(cur.timestamps.length).toBe((2 * DAY) / 10_000);
    const ts = arr(cur.timestamps);
    expect(ts.every((t, i) => i === 0 || t - (ts[i - 1] as number) === 10_000)).toBe(true);
    // Each step sees the newest 1-minute sample at or before it.
    expect(arr(cur.values)).toEqual(ts.map((t) => f(Math.floor(t / MIN) * MIN)));
  });

  it('counts the samples the server holds: a 5-minute series has 288 a day, and min_samples sees it', async () => {
    const { ctx } = testContext({ now: NOW });
    const res = await fetchMetrics(
      config([
        { name: 'sparse', query: 'model_sparse{model="churn"}' },
        { name: 'summed', query: 'sum(model_sparse)' },
      ]),
      ctx,
    );
    const cur = res.current.series.sparse!;
    expect(res.points.sparse).toEqual({ current: 288, reference: 288 });
    expect(arr(cur.timestamps).every((t, i) => t === ANCHOR - DAY + i * 5 * MIN)).toBe(true);
    expect(arr(cur.values)).toEqual(arr(cur.timestamps).map(f));
    // An expression has no scrapes of its own: its samples are steps, and the report says so.
    expect(res.points.summed!.current).toBeGreaterThanOrEqual(1435);
    expect(res.queries.map((q) => q.query)).toEqual([
      `prometheus ${prom.url}: model_sparse{model="churn"} (samples as scraped)`,
      `prometheus ${prom.url}: sum(model_sparse) (step 60s; samples are evaluation steps, not scrapes)`,
    ]);
    const check = (min: number) =>
      evaluateGate(
        {
          min_samples: min,
          on_warn: 'report',
          dry_run: false,
          checks: [{ name: 'score', series: 'sparse', statistic: 'mean', warn: 5 }],
        },
        {
          metrics: res,
          trigger: { kind: 'schedule', event: 'schedule', reason: 's', forced: false, inputs: {} },
          forced: false,
          dryRun: false,
          championAgeMs: HOUR,
        },
      ).checks[0]!;
    expect(check(300)).toMatchObject({ status: 'insufficient', samples: { current: 288 } });
    expect(check(288).status).not.toBe('insufficient');
  });

  it('reads NaN, +Inf and -Inf sample strings', async () => {
    const { ctx } = testContext({ now: NOW });
    const res = await fetchMetrics(
      config([{ name: 'odd', query: 'model_odd' }], {
        windows: {
          end: new Date(ANCHOR - DAY + 5 * MIN).toISOString(),
          current: { duration: '5m' },
        },
      }),
      ctx,
    );
    expect(arr(res.current.series.odd!.values)).toEqual([1, NaN, Infinity, -Infinity, 2]);
    expect(res.points.odd!.current).toBe(4);
  });

  it('concatenates several result series and records their label sets', async () => {
    const { ctx } = testContext({ now: NOW });
    const res = await fetchMetrics(
      config([{ name: 'lat', query: 'model_latency' }], {
        windows: { current: { duration: '1d' } },
      }),
      ctx,
    );
    const s = res.current.series.lat!;
    expect(new Set(arr(s.values))).toEqual(new Set([10, 20]));
    // Staleness: a series stays visible for up to 5 minutes after its last sample.
    expect(s.timestamps.length).toBeGreaterThanOrEqual(1440);
    expect(s.timestamps.length).toBeLessThanOrEqual(1445);
    expect(res.queries[0]!.scopes).toEqual([
      'model_latency{model="churn",version="v6"}',
      'model_latency{model="churn",version="v7"}',
    ]);
  });

  it('anchors windows at the newest sample with end: latest', async () => {
    const { ctx } = testContext({ now: new Date(ANCHOR + 2 * HOUR).toISOString() });
    const res = await fetchMetrics(
      config([{ name: 'score', query: 'model_score' }], {
        windows: { end: 'latest', current: { duration: '1h' } },
      }),
      ctx,
    );
    expect(res.current.range.end).toBe(ANCHOR - MIN + 1);
    expect(res.points.score!.current).toBe(60);
  });

  it('an unknown metric gives a warning and empty series', async () => {
    const { ctx } = testContext({ now: NOW });
    const res = await fetchMetrics(config([{ name: 'nope', query: 'no_such_metric' }]), ctx);
    expect(res.points.nope).toEqual({ current: 0, reference: 0 });
    expect(res.current.series.nope!.values.length).toBe(0);
    expect(res.warnings).toContain(
      'metrics: Prometheus returned no series for "nope" (no_such_metric) in the current window; check the metric name and labels',
    );
  });

  it.each([
    [
      'a parse error',
      'model_score{',
      /Prometheus rejected the query of series "s" \(model_score\{\): .*parse error.*fix metrics.series\[\].query/,
    ],
    [
      'an evaluation error',
      'model_latency + on(model) model_score',
      /Prometheus could not evaluate series "s" .*many-to-one matching must be explicit/,
    ],
  ])('%s is one clear UserError', async (_n, query, message) => {
    const { ctx } = testContext({ now: NOW });
    const err = await fetchMetrics(config([{ name: 's', query }]), ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(message);
  });

  it('a URL with /api/v1 appended says what the base URL is', async () => {
    const { ctx } = testContext({ now: NOW });
    await expect(
      fetchMetrics(config([{ name: 's', query: 'up' }], {}, `${prom.url}/api/v1`), ctx),
    ).rejects.toThrow(/HTTP 404 .*metrics.prometheus.url should be the server's base URL/);
  });

  it('an unreachable server says so', async () => {
    const port = await freePort();
    const { ctx } = testContext({ now: NOW });
    await expect(
      fetchMetrics(config([{ name: 's', query: 'up' }], {}, `http://127.0.0.1:${port}`), ctx),
    ).rejects.toThrow(
      `cannot reach Prometheus at http://127.0.0.1:${port}/api/v1/query: is the URL right? (ECONNREFUSED)`,
    );
  });

  describe('auth', () => {
    const q = [{ name: 'score', query: 'model_score' }];
    const short = { windows: { current: { duration: '1h' } } };
    it.each([
      [
        'basic with inputs',
        () => basic.url,
        undefined,
        { prometheusUsername: PROM_USER, prometheusPassword: PROM_PASSWORD },
      ],
      [
        'basic in the URL',
        () => basic.url.replace('://', `://${PROM_USER}:${PROM_PASSWORD}@`),
        undefined,
        {},
      ],
      ['bearer', () => bearer.url, 'bearer' as const, { prometheusToken: PROM_TOKEN }],
    ])('%s', async (_n, url, auth, secrets) => {
      const { ctx } = testContext({ now: NOW, secrets });
      const res = await fetchMetrics(
        config(q, { ...short, prometheus: { url: url(), ...(auth ? { auth } : {}) } }),
        ctx,
      );
      expect(res.points.score!.current).toBe(60);
      expect(res.queries[0]!.query).not.toContain(PROM_PASSWORD);
    });

    it.each([
      [
        'wrong password',
        () => basic.url,
        { prometheusUsername: PROM_USER, prometheusPassword: 'nope-wrong' },
        401,
      ],
      ['no credentials', () => basic.url, {}, 401],
      ['wrong token', () => bearer.url, { prometheusToken: 'nope-wrong' }, 401],
    ])('%s → refused with the fix', async (_n, url, secrets, status) => {
      const { ctx } = testContext({ now: NOW, secrets });
      const err = await fetchMetrics(
        config(q, { ...short, prometheus: { url: url() } }),
        ctx,
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(
        new RegExp(
          `Prometheus refused series "score" \\(model_score\\) with HTTP ${status} .*check the prometheus-username/prometheus-password or prometheus-token inputs`,
        ),
      );
      expect((err as Error).message).not.toContain('nope-wrong');
    });
  });

  it.each([
    [
      'an HTML page',
      200,
      '<html>Sign in</html>',
      /with HTTP 200 and a body that is not its JSON envelope \("<html>Sign in<\/html>"\); is metrics.prometheus.url pointing at Prometheus\?/,
    ],
    [
      'a vector instead of a matrix',
      200,
      '{"status":"success","data":{"resultType":"vector","result":[]}}',
      /malformed payload: expected a matrix result, got "vector"/,
    ],
  ])('a malformed payload (%s) is one clear UserError', async (_n, status, body, message) => {
    const { createServer } = await import('node:http');
    const server = createServer((_q, r) => {
      r.writeHead(status);
      r.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { ctx } = testContext({ now: NOW });
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const err = await fetchMetrics(config([{ name: 's', query: 'up' }], {}, url), ctx).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(message);
    } finally {
      server.close();
    }
  });

  it('retries a 5xx from a proxy and then reads the data', async () => {
    // A proxy that fails the first request with 502, as load balancers do during a restart.
    const { createServer, request } = await import('node:http');
    let failed = 0;
    const target = new URL(prom.url);
    const proxy = createServer((req, res) => {
      if (failed++ === 0) {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end('<html>502 Bad Gateway</html>');
        return;
      }
      const up = request(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      req.pipe(up);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    const slept: number[] = [];
    try {
      const src = new PrometheusSource({
        series: [{ name: 's', query: 'model_score' }],
        url: `http://127.0.0.1:${(proxy.address() as { port: number }).port}`,
        auth: { kind: 'none' },
        concurrency: 1,
        notes: new Notes(silentLogger),
        sleep: async (ms) => void slept.push(ms),
      });
      const got = await src.fetch({ start: ANCHOR - HOUR, end: ANCHOR }, 'current');
      expect(got.s!.timestamps.length).toBe(60);
      expect(slept).toEqual([1000]);
    } finally {
      proxy.closeAllConnections();
      proxy.close();
    }
  });
});
