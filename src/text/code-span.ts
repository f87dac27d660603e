/**
 * Outside text (a path, an error name, a notebook line) as an inline code span: nothing in it
 * is Markdown or HTML, so it needs no escaping but a fence longer than any backtick run inside
 * and one line. In a table cell GFM splits on `|` even inside code, so `table` escapes it.
 */
export function codeSpan(text: string, opts: { table?: boolean; max?: number } = {}): string {
  let t = String(text).replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ');
  const max = opts.max ?? 500;
  if (t.length > max) t = `${t.slice(0, max - 1)}…`;
  if (opts.table) t = t.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  // A space keeps a leading or trailing backtick from joining the fence (stripped when rendered).
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return t ? `${fence}${pad}${t}${pad}${fence}` : '';
}
