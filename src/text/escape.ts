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
      // Markdown punctuation that could open a link, image, emphasis, code span, heading or table cell.
      .replace(/[\\`*_[\]()!|~#+=-]/g, (c) => `\\${c}`)
      // A zero-width space after @ keeps the text readable and stops the mention (as Renovate does).
      .replace(/@/g, '@&#8203;')
      // Autolinks: GitHub links bare URLs; break the scheme so outside text cannot smuggle one.
      .replace(/:\/\//g, ':&#8203;//')
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

/**
 * Text for the log that may keep its line breaks (an error with its context, a traceback): every
 * line that would start with a workflow command (`::`, or the legacy `##[`) gets a zero-width
 * space inside the prefix, so the runner prints it instead of executing it.
 */
export function escapeLogLines(text: string): string {
  return String(text).replace(
    /(^|[\r\n\u2028\u2029\u0085])([^\S\r\n]*)(::|##\[)/g,
    (_m, brk: string, space: string, cmd: string) =>
      `${brk}${space}${cmd === '::' ? ':\u200b:' : '#\u200b#['}`,
  );
}
