import type { JoinedLog } from '../performance/join.js';

/** One named time series: timestamps in epoch milliseconds, values as float64 (NaN = missing). */
export interface Series {
  name: string;
  timestamps: Float64Array;
  values: Float64Array;
  /** For categorical columns: the category of each sample (values then hold NaN). */
  labels?: string[];
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
  /** Releases clients and sockets. */
  close?(): Promise<void>;
}
