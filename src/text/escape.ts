/**
 * Text from outside (event payloads, alert titles, notebook output, server bodies) is hostile.
 * These are the only ways such text may reach Markdown (job summary, issue, deployment
 * description) or the log. Our own fixed strings need none of them.
 */

import { codeSpan } from './code-span.js';

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
 * Outside text inside an HTML element of a Markdown page (a `<summary>`, which GitHub renders
 * as raw HTML, not Markdown): HTML entities only, so `workflow_dispatch` shows as written, with
 * no backslash. Mentions, #-references and bare URLs are broken as in escapeMarkdown (GitHub
 * links them in HTML text too); one line.
 */
export function escapeHtmlText(text: string): string {
  return String(text)
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ')
    .replace(/#(?=\w)/g, '#\u200b')
    .replace(/[&<>"']/g, (c) => (c === "'" ? '&#39;' : (HTML[c] ?? c)))
    .replace(/@/g, '@&#8203;')
    .replace(/:\/\//g, ':&#8203;//')
    .replace(/\b(www)\./gi, '$1&#8203;.');
}

/**
 * A message that is Markdown: our own text, which marks commands and names as code spans
 * (`npm ci`), with outside text inside it. Each `…` span on a line becomes a real code span
 * (inert: no link, mention or markup works inside one); everything else is escaped as
 * escapeMarkdown does, so a stray backtick shows as written.
 */
export function escapeMarkdownWithCode(text: string): string {
  return String(text)
    .split(/(\r?\n)/)
    .map((line) => {
      if (/^\r?\n$/.test(line)) return line;
      let out = '';
      let rest = line;
      for (let m = /`([^`\r\n]+)`/.exec(rest); m; m = /`([^`\r\n]+)`/.exec(rest)) {
        out += escapeMarkdown(rest.slice(0, m.index)) + codeSpan(m[1] as string);
        rest = rest.slice(m.index + m[0].length);
      }
      return out + escapeMarkdown(rest);
    })
    .join('');
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
 * Outside text (a command's output) shown verbatim in Markdown: a fenced code block whose fence
 * is longer than any run of backticks in the text, so the text cannot close it; inside it no
 * Markdown, HTML, link or mention is interpreted. Control characters (ANSI colours) are dropped.
 */
export function escapeCodeBlock(text: string): string {
  const clean = String(text)
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${clean.replace(/\n$/, '')}\n${fence}`;
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
