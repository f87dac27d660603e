import { codeSpan } from '../text/code-span.js';
import { escapeInline } from '../text/escape.js';
import { table } from './markdown.js';

/** A URL from a server's answer as a Markdown link target: http(s), nothing that ends the link. */
export function safeUrl(url: unknown): string | undefined {
  if (typeof url !== 'string' || !/^https?:\/\/[^\s()<>"'`\\]+$/.test(url)) return undefined;
  return url;
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(scalar).join(', ');
  if (typeof v === 'object') return codeSpan(JSON.stringify(v), { table: true, max: 200 });
  return escapeInline(String(v));
}

/** One channel's result as words and links: "opened [#12](…)", "created · environment production". */
export function notificationResult(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return scalar(value);
  const v = value as Record<string, unknown>;
  const out: string[] = [];
  if (typeof v.status === 'string') out.push(`**${escapeInline(v.status)}**`);
  const url = safeUrl(v.url);
  if (url) {
    const label = typeof v.number === 'number' ? `#${v.number}` : 'link';
    out.push(`[${label}](${url})`);
  } else if (typeof v.number === 'number') out.push(`#${v.number}`);
  if (Array.isArray(v.numbers)) out.push(v.numbers.map((n) => `#${scalar(n)}`).join(', '));
  for (const [k, x] of Object.entries(v)) {
    if (['status', 'url', 'number', 'numbers'].includes(k)) continue;
    out.push(`${escapeInline(k)} ${scalar(x)}`);
  }
  return out.join(' · ') || '—';
}

/** The notifications of a run as a table of channels and their results (links, not JSON). */
export function renderNotifications(results: Record<string, unknown>): string {
  return table(
    ['Channel', 'Result'],
    Object.entries(results).map(([k, v]) => [escapeInline(k), notificationResult(v)]),
  );
}
