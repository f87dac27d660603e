import { UserError } from '../errors.js';
import { bodyExcerpt } from '../text/redact.js';

/** Waits `ms`; injectable so tests of retries never wait for real. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  /** First backoff; doubles per retry. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };

/**
 * How long to wait before retrying a response, or undefined when retrying cannot help.
 * 429 honours the server's hint (Datadog's X-RateLimit-Reset is seconds until the reset,
 * Retry-After is seconds or an HTTP date); 5xx backs off exponentially; other 4xx never retry.
 */
export function retryDelay(
  status: number,
  headers: Headers,
  attempt: number,
  policy: RetryPolicy,
  now: number = Date.now(),
): number | undefined {
  if (status !== 429 && status < 500) return undefined;
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  if (status === 429) {
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (headers.has('x-ratelimit-reset') && Number.isFinite(reset) && reset >= 0) {
      return Math.min(policy.maxDelayMs, reset * 1000);
    }
    const after = headers.get('retry-after');
    if (after !== null) {
      const secs = Number(after);
      if (Number.isFinite(secs)) return Math.min(policy.maxDelayMs, Math.max(0, secs * 1000));
      const at = Date.parse(after);
      if (!Number.isNaN(at)) return Math.min(policy.maxDelayMs, Math.max(0, at - now));
    }
  }
  return backoff;
}

/**
 * Holds requests back once a response says none are left in the server's current period
 * (Datadog: X-RateLimit-Remaining 0), until X-RateLimit-Reset seconds have passed, so that
 * requests sharing the limit are not sent only to be refused. Shared by concurrent requests.
 */
export class RateLimitPause {
  private until = 0;

  constructor(private readonly now: () => number = Date.now) {}

  observe(headers: Headers): void {
    if (headers.get('x-ratelimit-remaining')?.trim() !== '0') return;
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (!headers.has('x-ratelimit-reset') || !Number.isFinite(reset) || reset < 0) return;
    this.until = Math.max(this.until, this.now() + reset * 1000);
  }

  /**
   * Waits out the pause, at most `maxMs`: a limit per hour may be far off, and then the
   * request had better meet its 429 and the retries that end in a clear error.
   */
  async wait(sleep: Sleep, maxMs: number, signal?: AbortSignal): Promise<void> {
    const until = this.until;
    const ms = Math.min(maxMs, until - this.now());
    if (ms <= 0) return;
    await sleep(ms, signal);
    if (this.until === until) this.until = 0; // served, unless a newer response paused again
  }
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  /** How many tries it took. */
  attempts: number;
}

export interface RequestOptions {
  /** Name of the system, for messages ("Datadog", "Prometheus"). */
  system: string;
  policy: RetryPolicy;
  sleep: Sleep;
  signal?: AbortSignal;
  /** Per-try timeout. */
  timeoutMs: number;
  /** The server's rate limit, shared with the other requests counted against it. */
  pause?: RateLimitPause;
}

/** Codes that mean the address is wrong, not that the network hiccupped: never retried. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_INVALID_URL',
]);

/**
 * fetch with retries on 429/5xx and on transient network faults. Returns the last response
 * (whatever its status) for the caller to interpret; throws only when no response came.
 */
export async function requestWithRetry(
  url: string,
  init: RequestInit,
  opts: RequestOptions,
): Promise<HttpResult> {
  const where = safeUrl(url);
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      await opts.pause?.wait(opts.sleep, opts.policy.maxDelayMs, opts.signal);
      const timeout = AbortSignal.timeout(opts.timeoutMs);
      const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
      res = await fetch(url, { ...init, signal });
      opts.pause?.observe(res.headers);
      const text = await res.text();
      const delay = retryDelay(res.status, res.headers, attempt, opts.policy);
      if (delay === undefined || attempt >= opts.policy.attempts) {
        return { status: res.status, headers: res.headers, text, attempts: attempt };
      }
      await opts.sleep(delay, opts.signal);
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      const code = errorCode(e);
      if (UNREACHABLE.has(code) || attempt >= opts.policy.attempts) {
        throw new UserError(
          `cannot reach ${opts.system} at ${where}: is the URL right? (${code || (e as Error).message})`,
        );
      }
      await opts.sleep(
        Math.min(opts.policy.maxDelayMs, opts.policy.baseDelayMs * 2 ** (attempt - 1)),
        opts.signal,
      );
    }
  }
}

function errorCode(e: unknown): string {
  const err = e as { name?: string; code?: string; cause?: { code?: string; name?: string } };
  if (err?.name === 'TimeoutError') return 'timed out';
  return err?.cause?.code ?? err?.code ?? err?.cause?.name ?? '';
}

/** The URL without credentials or query string, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '<invalid URL>';
  }
}

/**
 * A short excerpt of a body for messages (proxies answer with HTML pages), redacted: servers
 * echo what they received (keys, Authorization headers, the URL).
 */
export function excerpt(text: string, max = 200): string {
  return bodyExcerpt(text, max);
}
