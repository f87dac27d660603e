/**
 * A small HTTP proxy in front of moto_server that misbehaves like a flaky network: it loses
 * responses (the request reached the server and took effect, the answer never arrives), cuts
 * response bodies short, and flips a byte in object bodies. The first answer of every kind of
 * request (GET, HEAD, PUT, POST, DELETE, listings, multipart steps) is lost and the second cut
 * short, so each kind meets a fault; after that faults are drawn from a seeded generator.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'lose' | 'truncate' | 'corrupt' | 'pass';

export interface FaultRates {
  lose: number;
  truncate: number;
  /** Only on GetObject bodies: a byte changed, the length kept. */
  corrupt: number;
}

export interface FaultProxy {
  endpoint: string;
  /** Faults injected, by request kind (e.g. "GET object", "PUT part") and fault. */
  stats: Record<string, Record<Fault, number>>;
  /** Stops injecting (the proxy still forwards). */
  setRates(rates: FaultRates): void;
  stop(): Promise<void>;
}

/** Deterministic PRNG (mulberry32): a failing run can be replayed with its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What S3 operation a request is, for the stats. */
function kind(method: string, url: string): string {
  const q = new URL(url, 'http://x').searchParams;
  if (method === 'GET' && q.has('list-type')) return 'GET list';
  if (method === 'PUT' && q.has('partNumber')) return 'PUT part';
  if (method === 'POST' && q.has('uploads')) return 'POST create-multipart';
  if (method === 'POST' && q.has('uploadId')) return 'POST complete-multipart';
  if (method === 'DELETE' && q.has('uploadId')) return 'DELETE abort-multipart';
  return `${method} object`;
}

export async function startFaultProxy(
  target: string,
  rates: FaultRates,
  seed = 1,
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const random = seeded(seed);
  let current = rates;
  const stats: FaultProxy['stats'] = {};
  const count = (k: string, f: Fault): void => {
    stats[k] ??= { lose: 0, truncate: 0, corrupt: 0, pass: 0 };
    stats[k][f]++;
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: IncomingHttpHeaders = { ...req.headers, host: upstream.host };
      const up = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
        },
        (ur) => {
          const out: Buffer[] = [];
          ur.on('data', (c: Buffer) => out.push(c));
          ur.on('end', () => {
            const payload = Buffer.concat(out);
            const k = kind(req.method ?? 'GET', req.url ?? '/');
            const r = random();
            const seen = stats[k] ? Object.values(stats[k]).reduce((a, b) => a + b, 0) : 0;
            const active = current.lose + current.truncate + current.corrupt > 0;
            let fault: Fault = 'pass';
            if (active && seen === 0) fault = 'lose';
            else if (active && seen === 1) fault = 'truncate';
            else if (r < current.lose) fault = 'lose';
            else if (r < current.lose + current.truncate) fault = 'truncate';
            else if (
              r < current.lose + current.truncate + current.corrupt &&
              k === 'GET object' &&
              ur.statusCode === 200 &&
              payload.length > 0
            ) {
              fault = 'corrupt';
            }
            // A body too short to cut is lost instead: the answer never arrives either way.
            if (fault === 'truncate' && payload.length < 2) fault = 'lose';
            count(k, fault);
            const h = { ...ur.headers };
            delete h['transfer-encoding'];
            if (req.method !== 'HEAD') h['content-length'] = String(payload.length);
            if (fault === 'lose') {
              req.socket.destroy();
              return;
            }
            res.writeHead(ur.statusCode ?? 500, h);
            if (fault === 'truncate') {
              res.write(payload.subarray(0, Math.floor(payload.length / 2)), () =>
                res.socket?.destroy(),
              );
              return;
            }
            if (fault === 'corrupt') {
              const bad = Buffer.from(payload);
              const at = Math.floor(random() * bad.length);
              bad[at] = (bad[at] as number) ^ 0xff;
              res.end(bad);
              return;
            }
            res.end(payload);
          });
          ur.on('error', () => req.socket.destroy());
        },
      );
      up.on('error', () => req.socket.destroy());
      up.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats,
    setRates: (next) => {
      current = next;
    },
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
