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

/** Splits one CSV line; quoted fields may hold commas and doubled quotes. */
function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',').map((c) => c.trim());
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/**
 * Parses the notebook's predictions CSV: a header with y_true, challenger and (unless cold
 * start) champion; other columns are ignored. Pure; `file` only names the file in errors.
 */
export function parsePredictionsCsv(text: string, file: string): PredictionColumns {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.toLowerCase());
  const col = (name: string): number => header.indexOf(name);
  const [iTrue, iChallenger, iChampion] = [col('y_true'), col('challenger'), col('champion')];
  if (iTrue < 0 || iChallenger < 0) {
    throw new UserError(
      `${file}: the header must name the columns y_true and challenger (and champion); found ${header.join(', ') || 'nothing'}`,
    );
  }
  const out: PredictionColumns = {
    yTrue: [],
    challenger: [],
    champion: iChampion >= 0 ? [] : null,
    lines: [],
  };
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n] as string;
    if (line.trim() === '') continue;
    const cells = splitCsvLine(line);
    const need = Math.max(iTrue, iChallenger, iChampion);
    if (cells.length <= need) {
      throw new UserError(
        `${file}:${n + 1}: ${cells.length} columns, the header has ${header.length}`,
        { file, line: n + 1 },
      );
    }
    out.yTrue.push(cells[iTrue] as string);
    out.challenger.push(cells[iChallenger] as string);
    if (out.champion) out.champion.push(cells[iChampion] as string);
    out.lines.push(n + 1);
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
