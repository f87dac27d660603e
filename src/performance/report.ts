/** What the run report records about realized performance (GateReport.performance). */
import type { PerformanceEstimate } from './estimate/types.js';
import type { MetricValue } from './types.js';

export interface WindowCoverage {
  predictions: number;
  labelled: number;
  coverage: number | null;
  /** Label lag in seconds. */
  lag: { median: number; p90: number } | null;
}

export interface JoinSummary {
  /** Prediction rows read, and those inside the windows. */
  predictions: number;
  inWindows: number;
  /** Labels read; joined to a prediction in the windows. */
  labels: number;
  joined: number;
  unknownIds: { count: number; firstLine?: number };
  labelsOutsideWindows: number;
  duplicateLabels: { count: number; conflicting: number; kept: 'latest' | 'first' };
  duplicatePredictions: { count: number; firstLine?: number };
  missingLabelValues: { count: number; firstLine?: number };
  unknownClasses: { value: string; count: number; firstLine?: number }[];
  newestLabel: string | null;
  lag: { median: number; p90: number } | null;
}

export interface SegmentResult {
  value: string;
  labelled: number;
  metric: MetricValue;
  reference?: number | null;
  p?: number;
  discovery: boolean;
  status: 'ok' | 'warn' | 'alert';
}

export interface PerformanceCheckReport {
  name: string;
  metric: string;
  source: 'realized' | 'estimated';
  sklearn: string;
  direction: 'higher' | 'lower';
  current: MetricValue;
  reference?: MetricValue;
  floor?: number;
  limits?: { mean: number; sd: number; warn: number; alert: number; chunks: number };
  p?: number;
  status: 'ok' | 'insufficient' | 'warn' | 'alert';
  reason: string;
  /** source estimated: the whole estimate (calibration, support, ATC, reliability). */
  estimate?: PerformanceEstimate;
  segment?: {
    column: string;
    judged: number;
    tooSmall: number;
    values: number;
    worst: SegmentResult[];
  };
}

export interface Bucket {
  start: string;
  end: string;
  predictions: number;
  labelled: number;
  coverage: number | null;
  values: Record<string, { value: number | null; ci?: [number, number] }>;
}

export interface PerformanceReport {
  task: 'binary' | 'multiclass' | 'regression';
  classes?: string[];
  join: JoinSummary;
  windows: { current: WindowCoverage; reference?: WindowCoverage };
  checks: PerformanceCheckReport[];
  confusion?: { classes: string[]; current: number[][]; reference?: number[][] };
  buckets: Bucket[];
  notes: string[];
}
