/**
 * Splits one CSV line (RFC 4180 quoting: "a,b" and "" for a quote). Returns undefined when a
 * quoted field is left open, so the caller can name the line.
 */
export function splitCsvLine(line: string): string[] | undefined {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return undefined;
  out.push(field);
  return out;
}

/**
 * Field `index` of a line without quotes, found without splitting the line (undefined when
 * the line has fewer fields). Rows outside a window need only their timestamp.
 */
export function plainCellAt(line: string, index: number): string | undefined {
  let start = 0;
  for (let i = 0; i < index; i++) {
    const comma = line.indexOf(',', start);
    if (comma < 0) return undefined;
    start = comma + 1;
  }
  const end = line.indexOf(',', start);
  return end < 0 ? line.slice(start) : line.slice(start, end);
}
