import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * A serving platform's webhook endpoint: verifies the HMAC signature the way a receiver must
 * (over the raw body, constant-time), answers 401 to a bad one, and keeps what it accepted.
 */
export interface WebhookReceiver {
  url: string;
  /** Bodies accepted with a valid signature. */
  accepted: { body: Record<string, unknown>; headers: IncomingHttpHeaders }[];
  /** Requests answered 401 (bad or missing signature). */
  rejected: number;
  /** Requests seen at all, including those answered with an injected failure. */
  seen: number;
  /** Answer the next `times` requests with `status` (e.g. 503), or drop the connection (0). */
  failNext(status: number, times: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(secret: string | null): Promise<WebhookReceiver> {
  const faults: { status: number; times: number; headers: Record<string, string> }[] = [];
  const state = { accepted: [] as WebhookReceiver['accepted'], rejected: 0, seen: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.seen++;
      const fault = faults.find((f) => f.times > 0);
      if (fault) {
        fault.times--;
        if (fault.status === 0) req.socket.destroy();
        else res.writeHead(fault.status, fault.headers).end('upstream unavailable');
        return;
      }
      const raw = Buffer.concat(chunks);
      if (secret !== null) {
        const expected = Buffer.from(
          `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
        );
        const got = Buffer.from(String(req.headers['x-model-retrain-signature'] ?? ''));
        if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
          state.rejected++;
          res.writeHead(401).end('bad signature');
          return;
        }
      }
      state.accepted.push({
        body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>,
        headers: req.headers,
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  const url = await listen(server);
  return {
    url: `${url}/hooks/model`,
    get accepted() {
      return state.accepted;
    },
    get rejected() {
      return state.rejected;
    },
    get seen() {
      return state.seen;
    },
    failNext(status, times, headers = {}) {
      faults.push({ status, times, headers });
    },
    close: () => close(server),
  };
}

/**
 * Datadog's POST /api/v1/events as documented (facts/apis.md §3, §6): DD-API-KEY only,
 * 202 with id and id_str (ids above 2^53), 400 as text/plain for an old date_happened,
 * text ≤ 4000 and aggregation_key ≤ 100 characters, 429 with X-RateLimit-Reset on demand.
 */
export interface DatadogEventsStandIn {
  url: string;
  events: Record<string, unknown>[];
  rateLimitNext(times: number, resetSeconds: number): void;
  close(): Promise<void>;
}

export async function startDatadogEvents(apiKey: string): Promise<DatadogEventsStandIn> {
  const events: Record<string, unknown>[] = [];
  let limited = 0;
  let reset = 0;
  let nextId = 7716548234011234567n;
  const rate = (remaining: number) => ({
    'x-ratelimit-limit': '1000',
    'x-ratelimit-period': '60',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(reset),
    'x-ratelimit-name': 'events_post',
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const json = (status: number, body: unknown, type = 'application/json', remaining = 999) =>
        res
          .writeHead(status, { 'content-type': type, ...rate(remaining) })
          .end(JSON.stringify(body));
      if (req.method !== 'POST' || req.url !== '/api/v1/events') {
        return json(404, { errors: ['Not Found'] });
      }
      if (req.headers['dd-api-key'] !== apiKey) return json(403, { errors: ['Forbidden'] });
      if (limited > 0) {
        limited--;
        return json(429, { errors: ['Too many requests'] }, 'application/json', 0);
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        return json(400, { errors: ['Invalid JSON'] });
      }
      if (typeof body.title !== 'string' || typeof body.text !== 'string') {
        return json(400, { errors: ['Missing required fields: title, text'] });
      }
      if (body.text.length > 4000) return json(400, { errors: ['Event text is too long'] });
      if (typeof body.aggregation_key === 'string' && body.aggregation_key.length > 100) {
        return json(400, { errors: ['aggregation_key is too long'] });
      }
      const now = Math.floor(Date.now() / 1000);
      const when = body.date_happened ?? now;
      if (typeof when !== 'number' || !Number.isInteger(when)) {
        return json(400, { errors: ['date_happened must be an integer'] });
      }
      if (when < now - 18 * 3600) {
        return json(400, { errors: ['Event too far in the past'] }, 'text/plain; charset=utf-8');
      }
      if (when > now + 2 * 3600) return json(400, { errors: ['Event too far in the future'] });
      const id = (nextId++).toString();
      events.push(body);
      const event = {
        date_happened: when,
        handle: null,
        id_str: id,
        priority: body.priority ?? null,
        related_event_id: null,
        tags: body.tags ?? [],
        text: body.text,
        title: body.title,
        url: `https://app.datadoghq.com/event/event?id=${id}`,
      };
      // The id as a bare JSON number, as Datadog sends it (beyond 2^53).
      const text = JSON.stringify({ status: 'ok', event: { id: 0, ...event } }).replace(
        '"id":0',
        `"id":${id}`,
      );
      res.writeHead(202, { 'content-type': 'application/json', ...rate(998) }).end(text);
      return undefined;
    });
  });
  const url = await listen(server);
  return {
    url,
    events,
    rateLimitNext(times, resetSeconds) {
      limited = times;
      reset = resetSeconds;
    },
    close: () => close(server),
  };
}
