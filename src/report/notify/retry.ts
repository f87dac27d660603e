/** How often and how patiently a remote call is retried. */
export interface RetryPolicy {
  /** Attempts in all (1 = no retry). */
  attempts: number;
  /** Wait before the second attempt; doubled for each further one. */
  baseMs: number;
  /** Longest single wait, including server hints (Retry-After, X-RateLimit-Reset). */
  maxMs: number;
}

/** Thrown by an attempt that may succeed when repeated (5xx, 429, a dropped connection). */
export class TransientError extends Error {
  constructor(
    message: string,
    /** The server said how long to wait. */
    readonly waitMs?: number,
  ) {
    super(message);
    this.name = 'TransientError';
  }
}

/** Wait before attempt `attempt + 1` (attempt counts from 1): the server's hint, else backoff. */
export function backoffMs(attempt: number, policy: RetryPolicy, hintMs?: number): number {
  const wait = hintMs !== undefined ? hintMs : policy.baseMs * 2 ** (attempt - 1);
  return Math.max(0, Math.min(wait, policy.maxMs));
}

/** Seconds from Retry-After (delta seconds or an HTTP date), as milliseconds. */
export function retryAfterMs(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** Runs `attempt` until it succeeds, throws a non-transient error, or attempts run out. */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  onRetry?: (n: number, waitMs: number, err: TransientError) => void,
): Promise<{ value: T; attempts: number }> {
  for (let n = 1; ; n++) {
    try {
      return { value: await attempt(n), attempts: n };
    } catch (err) {
      if (!(err instanceof TransientError) || n >= policy.attempts || signal.aborted) throw err;
      const wait = backoffMs(n, policy, err.waitMs);
      onRetry?.(n, wait, err);
      await sleep(wait, signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
