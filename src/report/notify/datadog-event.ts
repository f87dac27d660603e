import { errorMessage } from '../../errors.js';
import { UserError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { bodyExcerpt, redact } from '../../text/redact.js';
import type { RunReport } from '../types.js';
import type { DatadogEventNotifyConfig } from './config.js';
import type { Delivery } from './links.js';
import { TransientError, withRetry, type RetryPolicy } from './retry.js';

/** POST /api/v1/events body (apis.md §3.1). */
export interface DatadogEvent {
  title: string;
  text: string;
  date_happened: number;
  tags: string[];
  alert_type: 'info' | 'warning';
  source_type_name: string;
  aggregation_key: string;
}

const MAX_TEXT = 4000;
const MAX_AGGREGATION_KEY = 100;

/** The deployment marker for a promoted version or a rollback. Pure. */
export function buildDatadogEvent(
  delivery: Delivery,
  report: RunReport,
  config: DatadogEventNotifyConfig,
  runUrl: string | undefined,
  now: Date,
): DatadogEvent {
  const alias = delivery.alias ?? 'no alias';
  const title =
    delivery.event === 'rolled-back'
      ? `Rolled back ${delivery.model} to v${delivery.version} (${alias})`
      : `Deployed ${delivery.model} v${delivery.version} to ${alias}`;
  const run = runUrl ? `[${report.run.runId}](${runUrl})` : report.run.runId;
  const lines = [
    `Model **${delivery.model}** v${delivery.version} ${delivery.event === 'rolled-back' ? 'restored' : 'published'} by run ${run}` +
      (delivery.previous !== null ? ` (previous: v${delivery.previous}).` : '.'),
    `Trigger: ${report.trigger.reason}`,
    `Files: ${delivery.uri}`,
  ];
  let body = lines.join('\n');
  // Markdown needs the %%% wrapper; keep the whole text within Datadog's 4000 characters.
  if (body.length > MAX_TEXT - 12) body = `${body.slice(0, MAX_TEXT - 13)}…`;
  return {
    title,
    text: `%%% \n${body}\n %%%`,
    date_happened: Math.floor(now.getTime() / 1000),
    tags: [
      'deployment',
      `service:${config.service ?? delivery.model}`,
      `model:${delivery.model}`,
      `version:${delivery.version}`,
      ...(delivery.alias ? [`alias:${delivery.alias}`] : []),
      ...(config.tags ?? []),
    ],
    alert_type: delivery.event === 'rolled-back' ? 'warning' : 'info',
    source_type_name: 'github',
    aggregation_key: `model-retrain-${delivery.model}`.slice(0, MAX_AGGREGATION_KEY),
  };
}

/** https://api.<site>, or the configured URL. */
export function datadogBaseUrl(config: DatadogEventNotifyConfig, metricsSite?: string): string {
  if (config.url) return config.url.replace(/\/+$/, '');
  return `https://api.${config.site ?? metricsSite ?? 'datadoghq.com'}`;
}

export interface DatadogEventResult {
  status: 'posted';
  id: string;
  url?: string;
  attempts: number;
}

const RETRY: RetryPolicy = { attempts: 4, baseMs: 1000, maxMs: 60_000 };

/** Posts the event; retries 429 (waiting X-RateLimit-Reset seconds) and 5xx. */
export async function postDatadogEvent(
  baseUrl: string,
  apiKey: string | undefined,
  event: DatadogEvent,
  io: { logger: Logger; signal: AbortSignal },
  retry: RetryPolicy = RETRY,
): Promise<DatadogEventResult> {
  if (!apiKey) {
    throw new UserError(
      'Datadog event: no Datadog API key; pass the datadog-api-key input (or DD_API_KEY), or remove report.notify.datadog',
    );
  }
  const { value, attempts } = await withRetry(
    async () => {
      let res: Response;
      try {
        res = await fetch(`${baseUrl}/api/v1/events`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            'DD-API-KEY': apiKey,
          },
          body: redact(JSON.stringify(event)),
          signal: AbortSignal.any([io.signal, AbortSignal.timeout(15_000)]),
        });
      } catch (err) {
        throw new TransientError(`Datadog event: ${errorMessage(err)}`);
      }
      // Error bodies may come as text/plain although they are JSON: parse regardless.
      const text = await res.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // keep {}: the status code still says what happened
      }
      if (res.status === 202 || res.ok) return json;
      const errors = bodyExcerpt(Array.isArray(json.errors) ? json.errors.join('; ') : text);
      if (res.status === 429 || res.status >= 500) {
        const reset = Number(res.headers.get('x-ratelimit-reset'));
        throw new TransientError(
          `Datadog event: HTTP ${res.status} ${errors}`,
          Number.isFinite(reset) && reset >= 0 && res.headers.has('x-ratelimit-reset')
            ? reset * 1000
            : undefined,
        );
      }
      if (res.status === 403) {
        throw new UserError(
          `Datadog event: the API key was rejected (403 ${errors}); check datadog-api-key`,
        );
      }
      throw new Error(`Datadog event: HTTP ${res.status} ${errors}`);
    },
    retry,
    io.signal,
    (n, wait, err) => io.logger.info(`${err.message}; attempt ${n + 1} in ${wait} ms`),
  );
  const ev = (value.event ?? {}) as { id_str?: unknown; url?: unknown };
  return {
    status: 'posted',
    // Event ids exceed 2^53: read id_str, never id.
    id: typeof ev.id_str === 'string' ? ev.id_str : '',
    ...(typeof ev.url === 'string' ? { url: ev.url } : {}),
    attempts,
  };
}
