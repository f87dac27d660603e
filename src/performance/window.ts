/** Rows of a joined log by prediction time (and segment): coverage, label lag, labelled data. */
import type { JoinedLog } from './join.js';
import type { LabelledData } from './types.js';

export interface LogWindow {
  /** Predictions in the window (labelled or not). */
  predictions: number;
  labelled: number;
  /** labelled ÷ predictions; null without predictions. */
  coverage: number | null;
  /** Label lag in ms (label time − prediction time) of the labelled rows; null without label times. */
  lag: { median: number; p90: number } | null;
  /** Indices (into the log) of the labelled rows. */
  rows: Uint32Array;
  data: LabelledData;
}

/** Row indices of the log with t in [start, end), optionally only those of one segment value. */
export function rowsIn(
  log: JoinedLog,
  range: { start: number; end: number },
  segment?: { index: number; code: number },
): Uint32Array {
  const out: number[] = [];
  const codes = segment ? log.segments[segment.index]!.codes : undefined;
  for (let i = 0; i < log.rows; i++) {
    const t = log.t[i]!;
    if (t < range.start || t >= range.end) continue;
    if (codes && codes[i] !== segment!.code) continue;
    out.push(i);
  }
  return Uint32Array.from(out);
}

export function windowOf(log: JoinedLog, rows: Uint32Array): LogWindow {
  let labelled = 0;
  for (const i of rows) if (log.labelled[i]) labelled++;
  const idx = new Uint32Array(labelled);
  let j = 0;
  for (const i of rows) if (log.labelled[i]) idx[j++] = i;
  return {
    predictions: rows.length,
    labelled,
    coverage: rows.length ? labelled / rows.length : null,
    lag: lagOf(log, idx),
    rows: idx,
    data: dataOf(log, idx),
  };
}

function lagOf(log: JoinedLog, idx: Uint32Array): LogWindow['lag'] {
  const lags: number[] = [];
  for (const i of idx) {
    const lt = log.labelTime[i]!;
    if (!Number.isNaN(lt)) lags.push(lt - log.t[i]!);
  }
  if (lags.length === 0) return null;
  const sorted = Float64Array.from(lags).sort();
  return { median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) };
}

/** numpy's linear interpolation. */
export function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The labelled rows `idx` as metric input. */
export function dataOf(log: JoinedLog, idx: Uint32Array): LabelledData {
  const n = idx.length;
  if (log.task === 'regression') {
    const truth = new Float64Array(n);
    const pred = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      truth[j] = log.truth[idx[j]!]!;
      pred[j] = log.pred[idx[j]!]!;
    }
    return { task: 'regression', truth, pred };
  }
  const truth = new Int32Array(n);
  const pred = new Int32Array(n);
  const w = log.scoreWidth;
  const scores = w ? new Float64Array(n * w) : undefined;
  for (let j = 0; j < n; j++) {
    const i = idx[j]!;
    truth[j] = log.truth[i]!;
    pred[j] = log.pred[i]!;
    if (scores) for (let c = 0; c < w; c++) scores[j * w + c] = log.scores[i * w + c]!;
  }
  return {
    task: log.task,
    classes: log.classes,
    truth,
    pred,
    ...(scores ? { scores } : {}),
    positive: Math.max(0, log.classes.indexOf(log.positive ?? '1')),
  };
}
