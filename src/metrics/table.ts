import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { UserError } from '../errors.js';
import type { RowReader, RowSink } from './rows.js';

export type TableFormat = 'csv' | 'json' | 'jsonl';

/** The format from the config, else from the name (a trailing .gz is looked through). */
export function tableFormat(
  name: string,
  configured: TableFormat | undefined,
  field: string,
): TableFormat {
  if (configured) return configured;
  const base = name.toLowerCase().replace(/\.gz$/, '');
  if (base.endsWith('.csv')) return 'csv';
  if (base.endsWith('.jsonl') || base.endsWith('.ndjson')) return 'jsonl';
  if (base.endsWith('.json')) return 'json';
  throw new UserError(
    `${field}: cannot tell the format of "${name}" from its name; name it .csv, .json, .jsonl or .parquet, or set the format field`,
  );
}

export function isGzip(name: string): boolean {
  return name.toLowerCase().endsWith('.gz');
}

/** Lines of a byte stream, gunzipped on the way when `gzip` is set; nothing is held whole. */
export function lines(stream: Readable, gzip: boolean): AsyncIterable<string> {
  const input = gzip ? stream.pipe(createGunzip()) : stream;
  if (gzip) stream.on('error', (e) => input.destroy(e));
  return createInterface({ input, crlfDelay: Infinity });
}

/** Feeds CSV (header first) or JSONL lines to `reader`; line numbers start at 1. */
export async function readLines(
  source: AsyncIterable<string> | readonly string[],
  format: 'csv' | 'jsonl',
  reader: RowReader,
  sink: RowSink,
  file: string,
): Promise<void> {
  let n = 0;
  let header = format !== 'csv';
  const feed = (text: string): void => {
    n++;
    if (!header) {
      if (text.trim() === '') return;
      reader.csvHeader(text, n);
      header = true;
    } else if (format === 'csv') reader.csvRow(text, n, sink);
    else reader.jsonLine(text, n, sink);
  };
  try {
    // Lines already in memory are fed without an await per line (millions of rows for a fleet).
    if (Array.isArray(source)) for (const text of source as readonly string[]) feed(text);
    else for await (const text of source as AsyncIterable<string>) feed(text);
  } catch (e) {
    throw compressionError(e, file) ?? e;
  }
  reader.finish();
  if (!header)
    throw new UserError(`${file}: the file is empty; expected a CSV header row`, { file });
}

/**
 * A zlib failure (a truncated or corrupt .gz, or a plain file named .gz) as a message that names
 * the file: zlib's own words ("invalid bit length repeat") say nothing about which file.
 */
export function compressionError(e: unknown, file: string): UserError | undefined {
  const code = (e as { code?: string }).code ?? '';
  if (e instanceof UserError || !/^Z_|^ERR_ZLIB|^ERR_BUFFER_TOO_LARGE/.test(code)) return undefined;
  return new UserError(
    `${file}: not a readable gzip file (${(e as Error).message}); re-export it, or drop the .gz suffix if it is not compressed`,
    { file },
  );
}

/** A JSON array of records; each record's line is found so messages can point at it. */
export function readJsonArray(text: string, reader: RowReader, sink: RowSink, file: string): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const line = jsonErrorLine(text, msg);
    throw new UserError(`${file}:${line}: not valid JSON (${msg})`, { file, line });
  }
  if (!Array.isArray(data)) {
    throw new UserError(
      `${file}: expected a JSON array of records ([{"timestamp": ..., "<series>": ...}, ...]), got ${data === null ? 'null' : typeof data}`,
      { file, line: 1 },
    );
  }
  const at = elementLines(text);
  for (let i = 0; i < data.length; i++) reader.object(data[i], at[i] ?? 1, sink);
  reader.finish();
}

function jsonErrorLine(text: string, message: string): number {
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const pos = /position (\d+)/.exec(message);
  if (pos) return lineAt(text, Number(pos[1]));
  // Node 20 quotes the text around the fault instead: Unexpected token '}', ..."x": }..." is not valid JSON
  const quoted =
    /^Unexpected token '(.)', (?:\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON/.exec(message);
  if (!quoted) return 1;
  const [, token, excerpt] = quoted as unknown as [string, string, string];
  const at = text.indexOf(excerpt);
  if (at < 0) return 1;
  return lineAt(text, at + Math.max(0, excerpt.indexOf(token)));
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line on which each element of a top-level JSON array starts. */
export function elementLines(text: string): number[] {
  const out: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (depth === 1 && expecting && c !== ',' && c !== ']') {
      out.push(line);
      expecting = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expecting = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expecting = true;
  }
  return out;
}
