/**
 * Config of realized performance: where the prediction log and its labels are
 * (metrics.predictions), and the checks on them (gate.performance).
 */
import { METRIC_NAMES } from './metrics.js';

export interface PredictionLogConfig {
  /** The prediction log: a repository path, or s3://bucket/key (a prefix reads every object under it). */
  log: string;
  /** The label table, same forms as `log`. */
  labels: string;
  format?: 'csv' | 'json' | 'jsonl' | 'parquet';
  task: 'binary' | 'multiclass' | 'regression';
  id_column?: string;
  timestamp_column?: string;
  prediction_column?: string;
  /** binary: the column holding P(positive). */
  score_column?: string;
  /** multiclass: class → column holding its score. */
  score_columns?: Record<string, string>;
  label_column?: string;
  /** When each label became known; gives the lag, and orders duplicate labels. */
  label_time_column?: string;
  /** binary: the positive class (default "1"). */
  positive_label?: string;
  /** Columns kept for segment checks (country, channel, model version). */
  segments?: string[];
  /** Which label counts when an id is labelled twice (default latest: a later label corrects an earlier one). */
  duplicate_labels?: 'latest' | 'first';
}

/** Where a check's numbers come from: labels joined to predictions, or an estimate from the
 * model's calibrated confidence on every prediction (no labels needed in the current window). */
export const PERFORMANCE_SOURCES = ['realized', 'estimated'] as const;
export type PerformanceSource = (typeof PERFORMANCE_SOURCES)[number];

export interface PerformanceCheckConfig {
  name?: string;
  metric: string;
  /** realized (labels joined to predictions; the default) or estimated (from the scores). */
  source?: PerformanceSource;
  /** Alert when the metric is below (above, for losses) this, beyond noise; warn when only the point estimate is. */
  floor?: number;
  /** The drop from the reference that matters (absolute, in the metric's units; default 0: any drop beyond noise). */
  max_drop?: number;
  /** "auto": limits from the reference window's own chunks (mean ∓ k standard deviations). */
  thresholds?: 'auto' | 'test';
  /** One-sided level of the drop test (default 0.01: one false alarm in a hundred runs). */
  alpha?: number;
  /** Below this many labelled predictions in the window: insufficient (default 300). */
  min_labelled?: number;
  /** Below this share of the window's predictions labelled: insufficient (default 0.5). */
  min_coverage?: number;
  /** A column of metrics.predictions.segments: the metric per segment, Benjamini–Hochberg across them. */
  segment?: string;
  /** Segments with fewer labelled predictions are not judged (default 200). */
  min_segment_size?: number;
}

export const DEFAULT_MIN_LABELLED = 300;
export const DEFAULT_MIN_COVERAGE = 0.5;
export const DEFAULT_ALPHA = 0.01;
export const DEFAULT_MIN_SEGMENT = 200;

const column = { type: 'string', minLength: 1 } as const;

export const predictionLogSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['log', 'labels', 'task'],
  description:
    'A prediction log and its labels (ground truth arriving late), joined on the id: realized performance for gate.performance.',
  properties: {
    log: {
      type: 'string',
      minLength: 1,
      description: 'Repository path or s3://bucket/key-or-prefix',
    },
    labels: {
      type: 'string',
      minLength: 1,
      description: 'Repository path or s3://bucket/key-or-prefix',
    },
    format: { enum: ['csv', 'json', 'jsonl', 'parquet'] },
    task: { enum: ['binary', 'multiclass', 'regression'] },
    id_column: { ...column, default: 'id' },
    timestamp_column: { ...column, default: 'timestamp' },
    prediction_column: { ...column, default: 'prediction' },
    score_column: column,
    score_columns: { type: 'object', minProperties: 2, additionalProperties: column },
    label_column: { ...column, default: 'label' },
    label_time_column: column,
    positive_label: { type: 'string', minLength: 1 },
    segments: { type: 'array', items: column, maxItems: 16 },
    duplicate_labels: { enum: ['latest', 'first'], default: 'latest' },
  },
} as const;

export const performanceChecksSchema = {
  type: 'array',
  minItems: 1,
  description:
    'Checks on how often the model is right (metrics.predictions joined with its labels).',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['metric'],
    properties: {
      name: { type: 'string', minLength: 1 },
      metric: { enum: METRIC_NAMES },
      source: { enum: [...PERFORMANCE_SOURCES], default: 'realized' },
      floor: { type: 'number' },
      max_drop: { type: 'number', minimum: 0 },
      thresholds: { enum: ['auto', 'test'] },
      alpha: { type: 'number', exclusiveMinimum: 0, maximum: 0.5 },
      min_labelled: { type: 'integer', minimum: 1 },
      min_coverage: { type: 'number', minimum: 0, maximum: 1 },
      segment: column,
      min_segment_size: { type: 'integer', minimum: 1 },
    },
  },
} as const;
