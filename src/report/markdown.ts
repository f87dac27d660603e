/**
 * Small Markdown helpers shared by the renderers. They never escape Markdown: text from outside
 * goes through src/text/escape.ts (or codeSpan) before it reaches them. The one HTML context,
 * a folded section's `<summary>`, is escaped here.
 */
import { escapeHtmlText } from '../text/escape.js';

export function fmt(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(2);
  return String(Number(value.toPrecision(digits)));
}

/** A table cell: already-escaped Markdown on one line; empty shows as a dash. */
export function cell(text: string | number | null | undefined): string {
  if (text === null || text === undefined || text === '') return '—';
  return String(text).replace(/\r?\n/g, ' ');
}

/** A table with a real header row (every column named) and one row per entry. */
export function table(header: string[], rows: (string | number | null | undefined)[][]): string {
  const head = `| ${header.join(' | ')} |`;
  const sep = `| ${header.map(() => '---').join(' | ')} |`;
  const body = rows.map((r) => `| ${r.map(cell).join(' | ')} |`);
  return [head, sep, ...body].join('\n');
}

/**
 * A folded section. The summary line is plain text, outside text allowed: GitHub shows a
 * `<summary>` as HTML, not Markdown, so it is escaped for HTML here (a Markdown escape would
 * show its backslashes).
 */
export function details(summary: string, body: string): string {
  // Blank lines around the body: GitHub renders Markdown inside <details> only after one.
  return `<details><summary>${escapeHtmlText(summary)}</summary>\n\n${body.trim()}\n\n</details>`;
}

/** A fenced code block that survives backticks inside the text. */
export function codeBlock(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}
