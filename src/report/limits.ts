/**
 * GitHub's size limits, and trimming to stay under them: the least important parts go first,
 * and the text says what was left out.
 */

/** GitHub refuses a step summary over 1 MiB; keep a margin for what the runner adds. */
export const SUMMARY_LIMIT_BYTES = 1_000_000;
/** GitHub's issue body limit is 65,536 characters. */
export const ISSUE_LIMIT_CHARS = 65_000;

export interface Part {
  /** Named in the note when the part is left out. */
  name: string;
  text: string;
  /** Higher is kept longer; parts with the lowest value are left out first. */
  keep: number;
}

export type Measure = (text: string) => number;
export const bytes: Measure = (t) => Buffer.byteLength(t, 'utf8');
export const chars: Measure = (t) => t.length;

/**
 * Joins the parts (blank line between), leaving out the least important until the whole fits
 * `limit`, with a note naming what was left out and where to find it. If even the essential
 * parts do not fit, the text is cut at the limit with a note.
 */
export function fitParts(
  parts: Part[],
  limit: number,
  measure: Measure,
  what: string,
  where: string,
): string {
  const kept = parts.filter((p) => p.text);
  const dropped: string[] = [];
  const render = () =>
    kept.map((p) => p.text).join('\n\n') +
    '\n' +
    (dropped.length
      ? `\n> [!NOTE]\n> Left out to stay under ${what}: ${dropped.join(', ')}. ${where}\n`
      : '');
  // Least important first; parts kept as long as they are worth the same go in reverse order.
  const order = kept
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.keep - b.p.keep || b.i - a.i)
    .map((x) => x.p);
  for (const p of order) {
    if (measure(render()) <= limit) break;
    if (!Number.isFinite(p.keep)) continue;
    kept.splice(kept.indexOf(p), 1);
    dropped.push(p.name);
  }
  const text = render();
  if (measure(text) <= limit) return text;
  const cut = `\n\n> [!NOTE]\n> Cut to stay under ${what}. ${where}\n`;
  let end = Math.min(text.length, limit);
  let head = text.slice(0, end);
  while (end > 0 && measure(head) + measure(cut) + 8 > limit) {
    end = Math.floor(end * 0.95);
    head = text.slice(0, end);
  }
  // Close an open code fence so the note renders as a note.
  const fences = head.match(/^`{3,}/gm) ?? [];
  if (fences.length % 2 === 1) head += `\n${fences[fences.length - 1]}`;
  return head + cut;
}
