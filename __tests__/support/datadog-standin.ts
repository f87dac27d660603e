/**
 * A local stand-in for Datadog's `GET /api/v1/query`, following the documented contract:
 * both key headers required (403 APIErrorResponse otherwise), from/to in seconds, pointlist in
 * milliseconds, `interval` in seconds, buckets aligned to Unix time (first >= from, last <= to),
 * `end` = inclusive end of the last bucket, null for empty buckets, `aggr: null` without an
 * explicit aggregator, one series per group for `by {…}`, X-RateLimit-* headers on every
 * response, and switches to answer 429 / 5xx / status "error".
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface StandinSeries {
  metric: string;
  tags: string[];
  /** Raw samples, epoch milliseconds ascending. */
  timestamps: Float64Array | number[];
  values: Float64Array | number[];
  /** The metric's unit as Datadog sends it: [primary, per], each a Unit object or null. */
  unit?: [Record<string, unknown> | null, Record<string, unknown> | null];
}

export interface DatadogStandin {
  url: string;
  apiKey: string;
  appKey: string;
  /** Replaces the stored data. */
  setData(series: StandinSeries[]): void;
  /**
   * The next `count` queries answer `status` (429 carries X-RateLimit-Reset: resetSeconds;
   * 'status-error' answers HTTP 200 with status "error").
   */
  failNext(count: number, status: number | 'status-error', resetSeconds?: number): void;
  /** Requests served so far (after auth), for inspecting what the client asked. */
  requests: { from: number; to: number; query: string }[];
  /** Requests refused with 429 because the enforced limit was spent (see `rateLimit`). */
  readonly refused: number;
  close(): Promise<void>;
}

const INTERVALS = [
  1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 28800, 43200, 86400,
];
const LIMIT = 1600;
const PERIOD = 3600;

/** Smallest interval giving at most ~300 buckets (20 s for 1 h, 60 s for 4 h, 300 s for 1 d). */
export function standinInterval(fromS: number, toS: number): number {
  const want = (toS - fromS) / 300;
  return INTERVALS.find((i) => i >= want) ?? 86400;
}

interface ParsedQuery {
  aggr: string | null;
  metric: string;
  scope: string[];
  by: string[];
}

const QUERY = /^(?:(avg|sum|min|max):)?([A-Za-z][\w.]*)\{([^}]*)\}(?:\s+by\s+\{([^}]*)\})?$/;

function parseQuery(q: string): ParsedQuery | string {
  const m = QUERY.exec(q.trim());
  if (!m) return `Error parsing query: \n unable to parse ${q}: Rule 'scope_expr' didn't match`;
  const [, aggr, metric, scope, by] = m as unknown as [
    string,
    string | undefined,
    string,
    string,
    string | undefined,
  ];
  const tags = scope
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t && t !== '*');
  return {
    aggr: aggr ?? null,
    metric,
    scope: tags,
    by: by
      ? by
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : [],
  };
}

function lowerBound(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export async function startDatadogStandin(
  opts: {
    apiKey?: string;
    appKey?: string;
    data?: StandinSeries[];
    /**
     * Enforce a limit of `limit` queries per calendar-aligned period of `periodSeconds`, as
     * Datadog does: over it, 429 until the period ends. Without it the headers count down
     * from 1600 per hour and nothing is refused.
     */
    rateLimit?: { limit: number; periodSeconds: number };
  } = {},
): Promise<DatadogStandin> {
  const apiKey = opts.apiKey ?? 'test-api-key';
  const appKey = opts.appKey ?? 'test-app-key';
  let data = opts.data ?? [];
  const failures: { status: number | 'status-error'; reset: number }[] = [];
  const requests: DatadogStandin['requests'] = [];
  const limit = opts.rateLimit?.limit ?? LIMIT;
  const period = opts.rateLimit?.periodSeconds ?? PERIOD;
  let remaining = limit;
  let periodIndex = Math.floor(Date.now() / 1000 / period);
  let refused = 0;
  /** Whole seconds until the current period ends (X-RateLimit-Reset is relative). */
  const resetSeconds = (): number => Math.ceil(period - ((Date.now() / 1000) % period));

  const send = (
    res: ServerResponse,
    status: number,
    body: string,
    extra: Record<string, string> = {},
  ): void => {
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Period': String(period),
      'X-RateLimit-Remaining': String(Math.max(0, remaining)),
      'X-RateLimit-Reset': String(resetSeconds()),
      'X-RateLimit-Name': 'query_timeseries',
      ...extra,
    });
    res.end(body);
  };
  const errors = (res: ServerResponse, status: number, ...msgs: string[]): void =>
    send(res, status, JSON.stringify({ errors: msgs }));
  const rateLimited = (res: ServerResponse, extra: Record<string, string> = {}): void =>
    send(
      res,
      429,
      JSON.stringify({
        errors: [
          `Rate limit of ${limit} requests in ${period} seconds reached. Please try again later.`,
        ],
      }),
      extra,
    );

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://standin');
    if (url.pathname !== '/api/v1/query') return errors(res, 404, 'Not Found');
    if (req.method !== 'GET') return errors(res, 405, 'Method Not Allowed');
    const key = req.headers['dd-api-key'];
    const app = req.headers['dd-application-key'];
    if (!key) return errors(res, 403, 'API key required');
    if (key !== apiKey || app !== appKey) return errors(res, 403, 'Forbidden');
    const now = Math.floor(Date.now() / 1000 / period);
    if (now !== periodIndex) {
      periodIndex = now;
      remaining = limit;
    }
    if (opts.rateLimit && remaining <= 0) {
      refused++;
      return rateLimited(res);
    }
    remaining--;
    const failure = failures.shift();
    if (failure) {
      if (failure.status === 429) {
        return rateLimited(res, {
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': String(failure.reset),
        });
      }
      if (failure.status === 'status-error') {
        return send(
          res,
          200,
          JSON.stringify({
            status: 'error',
            res_type: 'time_series',
            series: [],
            error: 'Query timed out',
            message: '',
          }),
        );
      }
      return errors(res, failure.status, 'Internal Server Error');
    }
    const fromRaw = url.searchParams.get('from');
    const toRaw = url.searchParams.get('to');
    const query = url.searchParams.get('query');
    if (fromRaw === null || toRaw === null || query === null) {
      return errors(res, 400, 'The following parameters are required: from, to, query');
    }
    if (!/^-?\d+$/.test(fromRaw) || !/^-?\d+$/.test(toRaw)) {
      return errors(
        res,
        400,
        'Invalid parameter: from and to must be integers (seconds since epoch)',
      );
    }
    const from = Number(fromRaw);
    const to = Number(toRaw);
    if (from >= to) return errors(res, 400, 'Invalid time range: from must be before to');
    requests.push({ from, to, query });
    const parsed = parseQuery(query);
    if (typeof parsed === 'string') return errors(res, 400, parsed);
    send(res, 200, respond(parsed, query, from, to));
  };

  const respond = (q: ParsedQuery, query: string, from: number, to: number): string => {
    const interval = standinInterval(from, to);
    const first = Math.ceil(from / interval) * interval;
    const last = Math.floor(to / interval) * interval;
    const matching = data.filter(
      (s) => s.metric === q.metric && q.scope.every((t) => s.tags.includes(t)),
    );
    const groups = new Map<string, StandinSeries[]>();
    for (const s of matching) {
      const tagSet = q.by
        .map((k) => s.tags.find((t) => t.startsWith(`${k}:`)))
        .filter((t): t is string => !!t);
      if (tagSet.length !== q.by.length) continue; // series without the grouped tag are left out
      const key = tagSet.join(',');
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    const out: string[] = [];
    for (const [key, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      const buckets: (number | null)[] = [];
      for (let b = first; b <= last; b += interval) {
        // Time aggregation: average of the raw samples in the bucket; space aggregation across members.
        const perMember: number[] = [];
        for (const s of members) {
          const lo = lowerBound(s.timestamps, b * 1000);
          const hi = lowerBound(s.timestamps, (b + interval) * 1000);
          if (hi <= lo) continue;
          let sum = 0;
          for (let i = lo; i < hi; i++) sum += s.values[i] as number;
          perMember.push(sum / (hi - lo));
        }
        buckets.push(perMember.length ? spaceAggregate(q.aggr ?? 'avg', perMember) : null);
      }
      // A series starts at its first and ends at its last non-empty bucket.
      const firstIdx = buckets.findIndex((v) => v !== null);
      if (firstIdx < 0) continue;
      let lastIdx = buckets.length - 1;
      while (buckets[lastIdx] === null) lastIdx--;
      const start = (first + firstIdx * interval) * 1000;
      const length = lastIdx - firstIdx + 1;
      const points: string[] = [];
      for (let i = firstIdx; i <= lastIdx; i++) {
        // Timestamps serialized as doubles ("…000.0"), as the real API does.
        points.push(
          `[${(first + i * interval) * 1000}.0,${buckets[i] === null ? 'null' : JSON.stringify(buckets[i])}]`,
        );
      }
      const tagSet = key ? key.split(',') : [];
      const scopeTags = [...q.scope, ...tagSet];
      const scope = scopeTags.length ? scopeTags.join(',') : '*';
      const meta = {
        metric: q.metric,
        display_name: q.metric,
        expression: `${q.aggr ? `${q.aggr}:` : ''}${q.metric}{${scope}}`,
        scope,
        tag_set: tagSet,
        aggr: q.aggr,
        attributes: {},
        interval,
        start,
        end: start + length * interval * 1000 - 1000,
        length,
        query_index: 0,
        unit: members.find((m) => m.unit)?.unit ?? [null, null],
      };
      out.push(`${JSON.stringify(meta).slice(0, -1)},"pointlist":[${points.join(',')}]}`);
    }
    const head = {
      status: 'ok',
      res_type: 'time_series',
      resp_version: 1,
      query,
      from_date: from * 1000,
      to_date: to * 1000,
      group_by: q.by,
      message: '',
      times: [],
      values: [],
    };
    return `${JSON.stringify(head).slice(0, -1)},"series":[${out.join(',')}]}`;
  };

  const server: Server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    appKey,
    requests,
    get refused() {
      return refused;
    },
    setData(series) {
      data = series;
    },
    failNext(count, status, resetSeconds = 1) {
      for (let i = 0; i < count; i++) failures.push({ status, reset: resetSeconds });
    },
    close() {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

function spaceAggregate(aggr: string, xs: number[]): number {
  if (aggr === 'sum') return xs.reduce((a, b) => a + b, 0);
  if (aggr === 'min') return Math.min(...xs);
  if (aggr === 'max') return Math.max(...xs);
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
