import type { JoinedLog } from '../performance/join.js';
import type { StreamedWindow } from '../gate/stats/window-summary.js';

/** One named time series: timestamps in epoch milliseconds, values as float64 (NaN = missing). */
export interface Series {
  name: string;
  timestamps: Float64Array;
  values: Float64Array;
  /** For categorical columns: the category of each sample (values then hold NaN). */
  labels?: string[];
  /**
   * A window with more rows than gate.exact_max_samples, streamed into summaries (whole window
   * and per hour) instead of held: `timestamps` and `values` are then empty.
   */
  streamed?: StreamedWindow;
}

/** A time range to fetch, [start, end) in epoch milliseconds. */
export interface TimeRange {
  start: number;
  end: number;
}

/** The samples of every configured series within one window. */
export interface WindowData {
  name: 'current' | 'reference';
  range: TimeRange;
  series: Record<string, Series>;
}

/** One query as run, for the report (never holds secrets). */
export interface QueryDescription {
  series: string;
  query: string;
  /** Group scopes / label sets whose samples were concatenated into this series. */
  scopes?: string[];
  /** The series' unit where the source says (Datadog's `unit`), shown with its values. */
  unit?: string;
}

/** What a scan of Parquet objects read and skipped (partitions, row groups, bytes). */
export interface ScanReport {
  objects: number;
  objectsRead: number;
  /** Objects never opened: their partition lies outside every window. */
  objectsSkipped: number;
  bytesTotal: number;
  bytesRead: number;
  rowGroups: number;
  /** Row groups whose statistics put them outside every window: never fetched. */
  rowGroupsSkipped: number;
  rows: number;
  /** The same in one sentence, for the log and the summary. */
  summary: string;
}

/** What the metrics stage hands to the gate: the gate never knows where data came from. */
export interface MetricsResult {
  source: string;
  /** Human-readable description of each query (no secrets). */
  queries: QueryDescription[];
  current: WindowData;
  reference?: WindowData;
  /** The prediction log joined with its labels (metrics.predictions), rows of both windows. */
  predictions?: JoinedLog;
  /** Points per series per window, for the report. */
  points: Record<string, { current: number; reference?: number }>;
  warnings: string[];
  /** Sources that read Parquet objects: what they read and skipped. */
  scan?: ScanReport;
}

/** One adapter per system. Returns every configured series for the range. */
export interface MetricsSource {
  readonly kind: string;
  fetch(range: TimeRange, window: 'current' | 'reference'): Promise<Record<string, Series>>;
  /** Query descriptions for the report. */
  describe(): QueryDescription[];
  /** Newest sample time (epoch ms) for windows.end = "latest"; remote sources look back from `before`. */
  latest?(before: number): Promise<number | undefined>;
  /** Sources that read whole files fetch every window in one pass instead of one per window. */
  fetchWindows?(
    windows: { name: 'current' | 'reference'; range: TimeRange }[],
  ): Promise<Partial<Record<'current' | 'reference', Record<string, Series>>>>;
  /** What the last scan read and skipped (Parquet objects). */
  scanReport?(): ScanReport | undefined;
  /** Releases clients and sockets. */
  close?(): Promise<void>;
}
