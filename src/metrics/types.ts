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

/** What the metrics stage hands to the gate: the gate never knows where data came from. */
export interface MetricsResult {
  source: string;
  /** Human-readable description of each query (no secrets). */
  queries: { series: string; query: string }[];
  current: WindowData;
  reference?: WindowData;
  /** Points per series per window, for the report. */
  points: Record<string, { current: number; reference?: number }>;
  warnings: string[];
}

/** One adapter per system. Returns every configured series for the range. */
export interface MetricsSource {
  readonly kind: string;
  fetch(range: TimeRange, window: 'current' | 'reference'): Promise<Record<string, Series>>;
  /** Query descriptions for the report. */
  describe(): { series: string; query: string }[];
}
