import { createHmac, randomUUID } from 'node:crypto';
import { parseDuration } from '../../config/duration.js';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { bodyExcerpt, redact as redactSecrets } from '../../text/redact.js';
import type { WebhookNotifyConfig } from './config.js';
import type { Delivery } from './links.js';
import { TransientError, retryAfterMs, withRetry } from './retry.js';

export const SIGNATURE_HEADER = 'X-Model-Retrain-Signature';

/** The JSON the serving platform receives. */
export interface WebhookBody extends Delivery {
  /** A stable id of this delivery: the same across retries, so receivers can drop repeats. */
  delivery: string;
  run: { id: string; url?: string; repository?: string; sha?: string };
  trigger: string;
  at: string;
}

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>`, as GitHub signs its own webhooks. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export interface WebhookResult {
  status: 'delivered';
  http: number;
  attempts: number;
  delivery: string;
  signed: boolean;
}

/** POSTs the delivery, retrying 5xx, 408, 429 and network errors with exponential backoff. */
export async function postWebhook(
  config: WebhookNotifyConfig,
  body: Omit<WebhookBody, 'delivery'>,
  secret: string | undefined,
  io: { logger: Logger; signal: AbortSignal; now: () => Date },
): Promise<WebhookResult> {
  const delivery = randomUUID();
  const text = redactSecrets(JSON.stringify({ ...body, delivery }));
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': 'model-retrain-action',
    'X-Model-Retrain-Event': body.event,
    'X-Model-Retrain-Delivery': delivery,
  };
  if (secret) headers[SIGNATURE_HEADER] = signBody(text, secret);
  else io.logger.warning('webhook: no webhook secret is set; the request is sent unsigned');
  const target = redact(config.url);
  const timeoutMs = parseDuration(config.timeout ?? '10s', 'report.notify.webhook.timeout');
  const policy = {
    attempts: config.attempts ?? 5,
    baseMs: parseDuration(config.retry_delay ?? '1s', 'report.notify.webhook.retry_delay'),
    maxMs: 60_000,
  };
  const { value: http, attempts } = await withRetry(
    async () => {
      let res: Response;
      try {
        res = await fetch(config.url, {
          method: 'POST',
          headers,
          body: text,
          signal: AbortSignal.any([io.signal, AbortSignal.timeout(timeoutMs)]),
        });
      } catch (err) {
        throw new TransientError(`webhook ${target}: ${causeOf(err)}`);
      }
      const answer = bodyExcerpt(await res.text().catch(() => ''));
      if (res.ok) return res.status;
      const why = `webhook ${target}: HTTP ${res.status}${answer ? ` ${answer}` : ''}`;
      if (res.status >= 500 || res.status === 408 || res.status === 429) {
        throw new TransientError(why, retryAfterMs(res.headers.get('retry-after'), io.now()));
      }
      throw new Error(`${why} (not retried: a ${res.status} will not change on retry)`);
    },
    policy,
    io.signal,
    (n, wait, err) => io.logger.info(`${err.message}; attempt ${n + 1} in ${wait} ms`),
  );
  return { status: 'delivered', http, attempts, delivery, signed: Boolean(secret) };
}

/** The URL without credentials or query (which may hold tokens), for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  if (err instanceof Error && err.name === 'TimeoutError') return 'timed out';
  return cause ? `${errorMessage(err)} (${errorMessage(cause)})` : errorMessage(err);
}
