/**
 * Text from outside (event payloads, alert titles, notebook output, server bodies) is hostile.
 * These are the only ways such text may reach Markdown (job summary, issue, deployment
 * description) or the log. Our own fixed strings need none of them.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Outside text as inert Markdown/HTML: no tags, no links or images, no emphasis or code spans,
 * no @-mentions or #-references that notify people. Line breaks are kept (use `escapeInline` for
 * table cells and headlines).
 */
export function escapeMarkdown(text: string): string {
  return (
    String(text)
      .replace(/[&<>"]/g, (c) => HTML[c] ?? c)
      // Markdown punctuation that could open a link, image, emphasis, code span, strikethrough,
      // table cell or #-reference, anywhere in a line.
      .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
      // Block markers open only at the start of a line: list items, setext underlines, ordered
      // lists. Elsewhere "-", "+", "=", "(" and "!" are plain text and stay readable.
      .replace(/^([ \t]*)([-+=])/gm, '$1\\$2')
      .replace(/^([ \t]*\d+)([.)])/gm, '$1\\$2')
      // A zero-width space after @ keeps the text readable and stops the mention (as Renovate does).
      .replace(/@/g, '@&#8203;')
      // Autolinks: GitHub links bare URLs; break the scheme so outside text cannot smuggle one.
      .replace(/:\/\//g, ':&#8203;//')
      .replace(/\b(www)\./gi, '$1&#8203;.')
  );
}

/** Outside text for one line: a table cell, a headline, a list item. */
export function escapeInline(text: string): string {
  return escapeMarkdown(String(text).replace(/\r\n|\r|\n|\u2028|\u2029/g, ' '));
}

/**
 * Outside text for the log: the runner executes any line that starts with `::` (or the
 * legacy `##[`) as a workflow command, so no line break survives and no command prefix starts
 * the text.
 */
export function escapeLogText(text: string): string {
  return String(text)
    .replace(/\r\n|\r|\n|\u2028|\u2029|\u0085/g, ' ⏎ ')
    .replace(/::/g, ':\u200b:')
    .replace(/##\[/g, '#\u200b#[');
}
