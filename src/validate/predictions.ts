import { splitCsvLine } from '../csv.js';
import { UserError } from '../errors.js';
import type { ScoreKernel } from './scores.js';
import type { PairedPredictions } from './significance.js';

/** The predictions file as read: one string per cell, columns by name. */
export interface PredictionColumns {
  yTrue: string[];
  challenger: string[];
  /** null when the file has no champion column. */
  champion: string[] | null;
  /** 1-based line number of each row in the file, for error messages. */
  lines: number[];
}

/** One CSV line's cells, trimmed; an unclosed quote is an error naming the line. */
function csvCells(line: string, file: string, lineNo: number): string[] {
  const cells = splitCsvLine(line);
  if (!cells) throw new UserError(`${file}:${lineNo}: a quoted field is not closed`);
  return cells.map((c) => c.trim());
}

/** text[start, end) without surrounding blanks; a slice only, no copy of the line. */
function cell(text: string, start: number, end: number): string {
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  return text.slice(start, end);
}

/**
 * Parses the notebook's predictions CSV: a header with y_true, challenger and (unless cold
 * start) champion; other columns are ignored. Pure; `file` only names the file in errors.
 * Scans the text in place (no per-line arrays) so a million-row holdout stays cheap.
 */
export function parsePredictionsCsv(text: string, file: string): PredictionColumns {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineEnd = (from: number): number => {
    const nl = body.indexOf('\n', from);
    return nl < 0 ? body.length : nl;
  };
  const trimCr = (from: number, to: number): number =>
    to > from && body.charCodeAt(to - 1) === 13 ? to - 1 : to;
  const firstEnd = lineEnd(0);
  const header = csvCells(body.slice(0, trimCr(0, firstEnd)), file, 1).map((h) => h.toLowerCase());
  const col = (name: string): number => header.indexOf(name);
  const [iTrue, iChallenger, iChampion] = [col('y_true'), col('challenger'), col('champion')];
  if (iTrue < 0 || iChallenger < 0) {
    throw new UserError(
      `${file}: the header must name the columns y_true and challenger (and champion); found ${header.join(', ') || 'nothing'}`,
    );
  }
  const need = Math.max(iTrue, iChallenger, iChampion);
  const out: PredictionColumns = {
    yTrue: [],
    challenger: [],
    champion: iChampion >= 0 ? [] : null,
    lines: [],
  };
  // Next double quote in the file: lines before it take the fast path without splitting.
  let nextQuote = body.indexOf('"', firstEnd);
  let lineNo = 1;
  for (let start = firstEnd + 1; start < body.length;) {
    const nl = lineEnd(start);
    const end = trimCr(start, nl);
    lineNo++;
    if (cell(body, start, end) !== '') {
      const got: string[] = [];
      let count = 0;
      if (nextQuote >= 0 && nextQuote < end) {
        const cells = csvCells(body.slice(start, end), file, lineNo);
        count = cells.length;
        got.push(cells[iTrue] ?? '', cells[iChallenger] ?? '', cells[iChampion] ?? '');
        nextQuote = body.indexOf('"', nl);
      } else {
        got.push('', '', '');
        for (let from = start; ; count++) {
          let comma = body.indexOf(',', from);
          if (comma < 0 || comma > end) comma = end;
          if (count === iTrue) got[0] = cell(body, from, comma);
          if (count === iChallenger) got[1] = cell(body, from, comma);
          if (count === iChampion) got[2] = cell(body, from, comma);
          if (comma === end) {
            count++;
            break;
          }
          from = comma + 1;
        }
      }
      if (count <= need) {
        throw new UserError(
          `${file}:${lineNo}: ${count} columns, the header has ${header.length}`,
          {
            file,
            line: lineNo,
          },
        );
      }
      out.yTrue.push(got[0] as string);
      out.challenger.push(got[1] as string);
      if (out.champion) out.champion.push(got[2] as string);
      out.lines.push(lineNo);
    }
    start = nl + 1;
  }
  return out;
}

/**
 * Turns the columns into typed arrays for a kernel: labels become integer codes shared by
 * all three columns ("1" and "1.0" are the same label), numbers must be finite.
 */
export function encodePredictions(
  cols: PredictionColumns,
  kernel: ScoreKernel,
  file: string,
): PairedPredictions {
  if (!cols.champion) {
    throw new UserError(
      `${file}: no champion column; the notebook must score the champion on the same rows`,
    );
  }
  const columns = { y_true: cols.yTrue, challenger: cols.challenger, champion: cols.champion };
  if (kernel.kind === 'labels') {
    const codes = new Map<string, number>();
    const encode = (xs: string[]): Float64Array =>
      Float64Array.from(xs, (raw) => {
        const num = Number(raw);
        const key = raw !== '' && Number.isFinite(num) ? String(num) : raw;
        let code = codes.get(key);
        if (code === undefined) {
          code = codes.size;
          codes.set(key, code);
        }
        return code;
      });
    return {
      yTrue: encode(columns.y_true),
      challenger: encode(columns.challenger),
      champion: encode(columns.champion),
    };
  }
  const numeric = (name: keyof typeof columns): Float64Array => {
    const xs = columns[name];
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const raw = xs[i] as string;
      const v = raw === '' ? NaN : Number(raw);
      if (!Number.isFinite(v)) {
        const line = cols.lines[i] ?? i + 2;
        throw new UserError(
          `${file}:${line}: ${name} is "${raw}", not a number (${kernel.name} needs numeric predictions)`,
          { file, line },
        );
      }
      out[i] = v;
    }
    return out;
  };
  return {
    yTrue: numeric('y_true'),
    challenger: numeric('challenger'),
    champion: numeric('champion'),
  };
}
