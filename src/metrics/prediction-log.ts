/**
 * Reads a prediction log and its label table (repository files or S3 objects, CSV/JSON/JSONL,
 * gzip) and joins them on the id. Cells are parsed here; the join itself is pure
 * (performance/join.ts). Every row is streamed; only rows inside the windows are kept.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { PredictionLogConfig } from '../performance/config.js';
import { LogJoin, type JoinedLog } from '../performance/join.js';
import { idKey } from '../performance/keymap.js';
import { readRecords, type Cell, type TableInput } from './records.js';
import { categoryOf, numberOf } from './rows.js';
import { parseTimestamp } from './timestamps.js';
import type { TimeRange } from './types.js';

export interface LogReadOptions {
  root: string;
  /** Opens the objects of an s3:// location (the AWS SDK loads only when one is used). */
  s3Inputs?: (uri: string, field: string) => Promise<TableInput[]>;
}

/** How one table of the log is found: each input read in turn. */
export async function tableInputs(
  location: string,
  field: string,
  opts: LogReadOptions,
  format?: PredictionLogConfig['format'],
): Promise<TableInput[]> {
  if (location.startsWith('s3://')) {
    if (!opts.s3Inputs)
      throw new UserError(`${field}: "${location}" is on S3 but no S3 client is configured`);
    return (await opts.s3Inputs(location, field)).map((i) => ({
      ...i,
      ...(format ? { format } : {}),
    }));
  }
  const abs = isAbsolute(location) ? location : resolve(opts.root, location);
  try {
    if (!(await stat(abs)).isFile()) throw new Error('not a file');
  } catch {
    throw new UserError(
      `${field}: "${location}" is not a readable file (looked at ${abs}); paths are relative to the repository root`,
    );
  }
  return [
    { name: location, ...(format ? { format } : {}), open: async () => createReadStream(abs) },
  ];
}

/** A class value as text: numbers in their shortest form (1.0 and "1" are the same class). */
export function classOf(raw: Cell): string | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : undefined;
  const text = categoryOf(raw);
  if (text === undefined || ['nan', 'null', 'na', 'n/a', 'none'].includes(text.toLowerCase()))
    return undefined;
  const n = Number(text);
  return text !== '' && Number.isFinite(n) && /^[-+\d.eE]+$/.test(text) ? String(n) : text;
}

function missingColumn(
  field: string,
  file: string,
  column: string,
  have: string[],
  fix: string,
): UserError {
  return new UserError(
    `${field}: ${file} has no column "${column}" (columns: ${have.join(', ') || 'none'}); ${fix}`,
  );
}

/** Reads and joins; `span` is the range of prediction times kept (both windows and the chart). */
export async function readPredictionLog(
  cfg: PredictionLogConfig,
  span: TimeRange,
  opts: LogReadOptions,
): Promise<JoinedLog> {
  const f = 'metrics.predictions';
  const idCol = cfg.id_column ?? 'id';
  const tsCol = cfg.timestamp_column ?? 'timestamp';
  const predCol = cfg.prediction_column ?? 'prediction';
  const labelCol = cfg.label_column ?? 'label';
  const segments = cfg.segments ?? [];
  const scoreCols =
    cfg.task === 'multiclass'
      ? Object.values(cfg.score_columns ?? {})
      : cfg.score_column
        ? [cfg.score_column]
        : [];
  const width = scoreCols.length;
  const join = new LogJoin({
    task: cfg.task,
    span,
    scoreWidth: width,
    segments,
    duplicateLabels: cfg.duplicate_labels ?? 'latest',
  });
  if (cfg.task === 'multiclass' && cfg.score_columns)
    join.fixClasses(Object.keys(cfg.score_columns).map((c) => classOf(c) ?? c));
  const positive = classOf(cfg.positive_label ?? '1')!;

  const wanted = [idCol, tsCol, predCol, ...scoreCols, ...segments];
  const scores = new Float64Array(width);
  const segValues: string[] = new Array(segments.length);
  const notSummed = { count: 0, first: '' };
  for (const input of await tableInputs(cfg.log, `${f}.log`, opts, cfg.format)) {
    const file = input.name;
    const bad: (line: number, column: string, what: string) => never = (line, column, what) => {
      throw new UserError(`${file}:${line}: column "${column}" ${what}`, { file, line });
    };
    await readRecords(
      input,
      wanted,
      {
        columns(names) {
          const need: [string, string][] = [
            [idCol, 'set metrics.predictions.id_column'],
            [tsCol, 'set metrics.predictions.timestamp_column'],
            [predCol, 'set metrics.predictions.prediction_column'],
            ...scoreCols.map((c): [string, string] => [
              c,
              `fix metrics.predictions.${cfg.task === 'multiclass' ? 'score_columns' : 'score_column'}`,
            ]),
            ...segments.map((c): [string, string] => [c, 'fix metrics.predictions.segments']),
          ];
          for (const [c, fix] of need)
            if (!names.includes(c)) throw missingColumn(`${f}.log`, file, c, names, fix);
        },
        row(cells, line) {
          const id = cells[0];
          if (id === undefined || id === null || id === '')
            bad(line, idCol, 'is empty: every prediction needs an id');
          const t = parseTimestamp(cells[1]);
          if (t === undefined)
            bad(
              line,
              tsCol,
              `holds ${JSON.stringify(cells[1])}, neither ISO-8601 nor epoch seconds/milliseconds`,
            );
          let pred: number;
          if (cfg.task === 'regression') {
            const v = numberOf(cells[2]);
            if (v === undefined || Number.isNaN(v))
              bad(line, predCol, `holds ${JSON.stringify(cells[2])}, not a number`);
            pred = v;
          } else {
            const cls = classOf(cells[2]);
            if (cls === undefined) bad(line, predCol, 'is empty: every prediction needs a class');
            if (join.classesClosed && !join.knownClass(cls))
              bad(
                line,
                predCol,
                `holds class "${cls}", which has no score column (score_columns: ${join.classNames.join(', ')})`,
              );
            pred = join.classCode(cls);
            if (cfg.task === 'binary' && join.classNames.length > 2)
              bad(
                line,
                predCol,
                `holds a third class "${cls}" (after ${join.classNames.slice(0, 2).join(', ')}) but the task is binary; set metrics.predictions.task: multiclass`,
              );
          }
          let sum = 0;
          for (let c = 0; c < width; c++) {
            const v = numberOf(cells[3 + c]);
            if (v === undefined || !(v >= 0 && v <= 1))
              bad(
                line,
                scoreCols[c]!,
                `holds ${JSON.stringify(cells[3 + c])}; a score must be a probability in [0, 1]`,
              );
            scores[c] = v;
            sum += v;
          }
          if (width > 1 && Math.abs(sum - 1) > 1e-8 + 1.4901161193847656e-8) {
            notSummed.count++;
            notSummed.first ||= `${file}:${line}`;
          }
          for (let s = 0; s < segments.length; s++)
            segValues[s] = categoryOf(cells[3 + width + s]) ?? '';
          join.addPrediction(
            idKey(id as string | number),
            t,
            pred,
            width ? scores : null,
            segValues,
            line,
          );
        },
      },
      `${f}.format`,
    );
  }
  if (cfg.task === 'binary') {
    if (!join.knownClass(positive) && join.classNames.length >= 2)
      throw new UserError(
        `${f}.positive_label: "${positive}" is not a class of the log (${join.classNames.join(', ')}); set it to the positive class`,
      );
    join.classCode(positive);
  }

  const lwanted = [idCol, labelCol, ...(cfg.label_time_column ? [cfg.label_time_column] : [])];
  for (const input of await tableInputs(cfg.labels, `${f}.labels`, opts, cfg.format)) {
    const file = input.name;
    await readRecords(
      input,
      lwanted,
      {
        columns(names) {
          if (!names.includes(idCol))
            throw missingColumn(
              `${f}.labels`,
              file,
              idCol,
              names,
              'set metrics.predictions.id_column (the same id in both tables)',
            );
          if (!names.includes(labelCol))
            throw missingColumn(
              `${f}.labels`,
              file,
              labelCol,
              names,
              'set metrics.predictions.label_column',
            );
          if (cfg.label_time_column && !names.includes(cfg.label_time_column))
            throw missingColumn(
              `${f}.labels`,
              file,
              cfg.label_time_column,
              names,
              'fix metrics.predictions.label_time_column',
            );
        },
        row(cells, line) {
          const id = cells[0];
          if (id === undefined || id === null || id === '')
            throw new UserError(
              `${file}:${line}: column "${idCol}" is empty: every label needs the id of its prediction`,
              { file, line },
            );
          let lt = NaN;
          if (cfg.label_time_column) {
            const v = parseTimestamp(cells[2]);
            if (v === undefined && cells[2] !== undefined && cells[2] !== '')
              throw new UserError(
                `${file}:${line}: column "${cfg.label_time_column}" holds ${JSON.stringify(cells[2])}, neither ISO-8601 nor epoch seconds/milliseconds`,
                { file, line },
              );
            lt = v ?? NaN;
          }
          let truth: number;
          if (cfg.task === 'regression') {
            const v = numberOf(cells[1]);
            if (v !== undefined && Number.isNaN(v))
              throw new UserError(
                `${file}:${line}: column "${labelCol}" holds ${JSON.stringify(cells[1])}, not a number`,
                { file, line },
              );
            truth = v ?? NaN;
          } else {
            const cls = classOf(cells[1]);
            if (cls === undefined) truth = NaN;
            else if (
              join.knownClass(cls) ||
              (!join.classesClosed && (cfg.task === 'multiclass' || join.classNames.length < 2))
            )
              truth = join.classCode(cls);
            else {
              join.unknownClass(cls, line);
              return;
            }
          }
          join.addLabel(idKey(id as string | number), truth, lt, line);
        },
      },
      `${f}.format`,
    );
  }
  const out = join.result();
  if (notSummed.count)
    out.notes = [
      `${notSummed.count} prediction(s) have scores that do not sum to 1 (first: ${notSummed.first}); metrics use them as given, as scikit-learn does`,
    ];
  return out;
}
