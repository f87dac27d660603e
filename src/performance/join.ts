/**
 * The join of a prediction log with its labels, as rows arrive: predictions first (one pass),
 * then labels (one pass). Pure: the reader parses cells, this keeps columns and counts what was
 * odd. Windows are by prediction time; a label belongs to the prediction with its id.
 */
import { Column, f64, i32, KeyMap, u8 } from './keymap.js';

export type Task = 'binary' | 'multiclass' | 'regression';

export interface JoinOptions {
  task: Task;
  /** Prediction times outside [start, end) are counted, not kept. */
  span: { start: number; end: number };
  /** Score columns per row: 1 (binary P(positive)), k (multiclass), 0 (none). */
  scoreWidth: number;
  segments: string[];
  /** Which of an id's labels counts: the latest known (a correction) or the first. */
  duplicateLabels: 'latest' | 'first';
  /** binary: the positive class. */
  positive?: string;
}

/** A count with the first line it happened on, for messages. */
export interface Tally {
  count: number;
  first?: number;
}

const tally = (): Tally => ({ count: 0 });
function bump(t: Tally, line: number): void {
  t.count++;
  t.first ??= line;
}

export interface JoinStats {
  predictions: number;
  /** Prediction rows outside the windows: read, not kept. */
  outside: number;
  duplicatePredictions: Tally;
  labels: number;
  /** Labels whose id no prediction has. */
  unknownIds: Tally;
  /** Labels of predictions outside the windows. */
  labelsOutside: number;
  /** Ids labelled more than once, and how many of those disagree. */
  duplicateLabels: Tally;
  conflictingLabels: Tally;
  missingLabelValues: Tally;
  /** Labels not among the model's classes (binary/multiclass with scores): left out. */
  unknownClasses: Map<string, Tally>;
  /** Newest label time seen (epoch ms), null without a label time column. */
  newestLabel: number | null;
}

/** The joined rows inside the span, columnar. */
export interface JoinedLog {
  task: Task;
  /** Class names in the order of their codes (sorted); empty for regression. */
  classes: string[];
  /** binary: the positive class's name. */
  positive?: string;
  scoreWidth: number;
  rows: number;
  t: Float64Array;
  labelled: Uint8Array;
  pred: Float64Array;
  truth: Float64Array;
  scores: Float64Array;
  labelTime: Float64Array;
  segments: { column: string; codes: Int32Array; values: string[] }[];
  stats: JoinStats;
  /** Which label of an id labelled twice counts. */
  duplicatePolicy: 'latest' | 'first';
  /** What the reader found odd but kept (shown as warnings). */
  notes?: string[];
}

export class LogJoin {
  private readonly ids = new KeyMap();
  private readonly t = new Column(f64);
  private readonly pred = new Column(f64);
  private readonly scores = new Column(f64);
  private readonly truth = new Column(f64);
  private readonly labelTime = new Column(f64);
  private readonly labelLine = new Column(i32);
  private readonly count = new Column(u8);
  private readonly seg: { codes: Column<Int32Array>; dict: Map<string, number> }[];
  private readonly classDict = new Map<string, number>();
  private readonly stats: JoinStats = {
    predictions: 0,
    outside: 0,
    duplicatePredictions: tally(),
    labels: 0,
    unknownIds: tally(),
    labelsOutside: 0,
    duplicateLabels: tally(),
    conflictingLabels: tally(),
    missingLabelValues: tally(),
    unknownClasses: new Map(),
    newestLabel: null,
  };
  /** Classes fixed up front (score columns, binary's two): labels outside them are left out. */
  private closed = false;

  constructor(private readonly opts: JoinOptions) {
    this.seg = opts.segments.map(() => ({ codes: new Column(i32), dict: new Map() }));
  }

  /** Declares the model's classes (its score columns, or binary's negative and positive). */
  fixClasses(names: string[]): void {
    for (const n of names) this.classCode(n);
    this.closed = true;
  }

  /** The provisional code of a class name (codes are sorted by name in the result). */
  classCode(name: string): number {
    let c = this.classDict.get(name);
    if (c === undefined) {
      c = this.classDict.size;
      this.classDict.set(name, c);
    }
    return c;
  }

  knownClass(name: string): boolean {
    return this.classDict.has(name);
  }

  get classNames(): string[] {
    return [...this.classDict.keys()];
  }

  /** One prediction row. `pred` is a class code or a value; `scores` has scoreWidth entries. */
  addPrediction(
    key: number,
    t: number,
    pred: number,
    scores: ArrayLike<number> | null,
    segments: readonly string[],
    line: number,
  ): void {
    this.stats.predictions++;
    const inSpan = t >= this.opts.span.start && t < this.opts.span.end;
    if (this.ids.get(key) !== undefined) {
      // The first prediction of an id stands: a label cannot say which of two it belongs to.
      bump(this.stats.duplicatePredictions, line);
      return;
    }
    this.ids.set(key, inSpan ? this.t.length : -1);
    if (!inSpan) {
      this.stats.outside++;
      return;
    }
    this.t.push(t);
    this.pred.push(pred);
    for (let c = 0; c < this.opts.scoreWidth; c++) this.scores.push(scores ? scores[c]! : NaN);
    this.truth.push(NaN);
    this.labelTime.push(NaN);
    this.labelLine.push(0);
    this.count.push(0);
    this.seg.forEach((s, i) => {
      const v = segments[i] ?? '';
      let code = s.dict.get(v);
      if (code === undefined) {
        code = s.dict.size;
        s.dict.set(v, code);
      }
      s.codes.push(code);
    });
  }

  /** One label row: a class code or value (NaN: missing), and when it became known (NaN: unknown). */
  addLabel(key: number, truth: number, labelTime: number, line: number): void {
    this.stats.labels++;
    if (Number.isNaN(truth)) {
      bump(this.stats.missingLabelValues, line);
      return;
    }
    if (
      !Number.isNaN(labelTime) &&
      (this.stats.newestLabel === null || labelTime > this.stats.newestLabel)
    )
      this.stats.newestLabel = labelTime;
    const row = this.ids.get(key);
    if (row === undefined) {
      bump(this.stats.unknownIds, line);
      return;
    }
    if (row < 0) {
      this.stats.labelsOutside++;
      return;
    }
    const n = this.count.data[row]!;
    if (n === 0) {
      this.setLabel(row, truth, labelTime, line);
    } else {
      if (n === 1) bump(this.stats.duplicateLabels, line);
      if (this.truth.data[row] !== truth) bump(this.stats.conflictingLabels, line);
      const prev = this.labelTime.data[row]!;
      // latest: the label known last (ties and unknown times: the later line) corrects the earlier.
      const later = Number.isNaN(prev) || Number.isNaN(labelTime) ? true : labelTime >= prev;
      if (this.opts.duplicateLabels === 'latest' ? later : !later)
        this.setLabel(row, truth, labelTime, line);
    }
    if (n < 255) this.count.data[row] = n + 1;
  }

  private setLabel(row: number, truth: number, labelTime: number, line: number): void {
    this.truth.data[row] = truth;
    this.labelTime.data[row] = labelTime;
    this.labelLine.data[row] = line;
  }

  /** A label naming a class outside the model's: counted per value, left out. */
  unknownClass(value: string, line: number): void {
    const t = this.stats.unknownClasses.get(value) ?? tally();
    bump(t, line);
    this.stats.unknownClasses.set(value, t);
    this.stats.labels++;
  }

  get classesClosed(): boolean {
    return this.closed;
  }

  /** The joined log, class codes renumbered in sorted class order. */
  result(): JoinedLog {
    const rows = this.t.length;
    const pred = this.pred.view();
    const truth = this.truth.view();
    const labelled = new Uint8Array(rows);
    const counts = this.count.view();
    for (let i = 0; i < rows; i++) labelled[i] = counts[i]! > 0 ? 1 : 0;
    let classes: string[] = [];
    let scores = this.scores.view();
    if (this.opts.task !== 'regression') {
      const names = [...this.classDict.keys()];
      classes = [...names].sort(compareClass);
      const remap = names.map((n) => classes.indexOf(n));
      for (let i = 0; i < rows; i++) {
        pred[i] = remap[pred[i]!]!;
        if (labelled[i]) truth[i] = remap[truth[i]!]!;
      }
      if (this.opts.task === 'multiclass' && this.opts.scoreWidth > 0) {
        // Score columns were declared in provisional order: put them in class order.
        const k = this.opts.scoreWidth;
        const out = new Float64Array(scores.length);
        for (let i = 0; i < rows; i++)
          for (let c = 0; c < k; c++) out[i * k + remap[c]!] = scores[i * k + c]!;
        scores = out;
      }
    }
    return {
      task: this.opts.task,
      classes,
      ...(this.opts.positive !== undefined ? { positive: this.opts.positive } : {}),
      scoreWidth: this.opts.scoreWidth,
      rows,
      t: this.t.view(),
      labelled,
      pred,
      truth,
      scores,
      labelTime: this.labelTime.view(),
      segments: this.seg.map((s, i) => ({
        column: this.opts.segments[i]!,
        codes: s.codes.view(),
        values: [...s.dict.keys()],
      })),
      stats: this.stats,
      duplicatePolicy: this.opts.duplicateLabels,
    };
  }
}

/** scikit-learn sorts labels; numeric labels sort as numbers. */
export function compareClass(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}
