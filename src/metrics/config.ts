import { durationSchema } from '../config/duration.js';
import { predictionLogSchema, type PredictionLogConfig } from '../performance/config.js';

/** One series to read: its name in checks, and how the source finds it. */
export interface SeriesConfig {
  name: string;
  /** Datadog or Prometheus query. */
  query?: string;
  /** File/S3 column holding the value (defaults to the series name). */
  column?: string;
  /** Treat values as categories (strings) rather than numbers. */
  categorical?: boolean;
}

export interface WindowConfig {
  /** Length of the window. */
  duration: string | number;
  /** How far before the current window's end this window ends (reference only; default: the current window's duration). */
  offset?: string | number;
}

export interface MetricsConfig {
  source: 'file' | 'datadog' | 'prometheus' | 's3';
  /** Empty when only a prediction log is read (a performance-only policy). */
  series: SeriesConfig[];
  /** A prediction log joined with its labels: realized performance (gate.performance). */
  predictions?: PredictionLogConfig;
  windows: {
    /** Where the current window ends: "now" (run time), "latest" (the newest sample) or an ISO timestamp. */
    end?: string;
    current: WindowConfig;
    reference?: WindowConfig;
  };
  file?: {
    /** CSV, JSON or JSONL file (relative to the config's repository root). */
    path: string;
    format?: 'csv' | 'json' | 'jsonl';
    timestamp_column?: string;
  };
  datadog?: {
    /** datadoghq.com (default), datadoghq.eu, us3.datadoghq.com, us5.datadoghq.com, ap1.datadoghq.com, ddog-gov.com… */
    site?: string;
    /** Full API base URL, overriding the site (a proxy, or a local stand-in in tests). */
    api_url?: string;
    /** Split long windows into chunks of this length, fetched concurrently. */
    chunk?: string | number;
    concurrency?: number;
  };
  prometheus?: {
    url: string;
    /** Query resolution; default 1m, coarser only when a window would exceed 11,000 points. */
    step?: string | number;
    /** Default: bearer when prometheus-token is given, basic when prometheus-username is, else none. */
    auth?: 'none' | 'basic' | 'bearer';
    /** Range requests in flight at once (long windows are split into several). */
    concurrency?: number;
  };
  s3?: {
    uri: string;
    format?: 'csv' | 'jsonl';
    timestamp_column?: string;
    region?: string;
    endpoint?: string;
    force_path_style?: boolean;
  };
}

const windowSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['duration'],
  properties: { duration: durationSchema, offset: durationSchema },
} as const;

/** The current window ends at metrics.windows.end: only the reference has an offset. */
const currentWindowSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['duration'],
  properties: { duration: durationSchema },
} as const;

export const metricsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['source', 'windows'],
  description: 'Where the production metrics of the model come from, and which windows to compare.',
  properties: {
    source: { enum: ['file', 'datadog', 'prometheus', 's3'] },
    predictions: predictionLogSchema,
    series: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z0-9_.:-]+$' },
          query: { type: 'string', minLength: 1 },
          column: { type: 'string', minLength: 1 },
          categorical: { type: 'boolean' },
        },
      },
    },
    windows: {
      type: 'object',
      additionalProperties: false,
      required: ['current'],
      properties: {
        end: { type: 'string', minLength: 1 },
        current: currentWindowSchema,
        reference: windowSchema,
      },
    },
    file: {
      type: 'object',
      additionalProperties: false,
      required: ['path'],
      properties: {
        path: { type: 'string', minLength: 1 },
        format: { enum: ['csv', 'json', 'jsonl'] },
        timestamp_column: { type: 'string', minLength: 1 },
      },
    },
    datadog: {
      type: 'object',
      additionalProperties: false,
      properties: {
        site: {
          type: 'string',
          minLength: 1,
          description:
            'datadoghq.com (default), datadoghq.eu, us3.datadoghq.com, us5.datadoghq.com, ap1.datadoghq.com, ap2.datadoghq.com, uk1.datadoghq.com, ddog-gov.com, us2.ddog-gov.com',
        },
        api_url: {
          type: 'string',
          pattern: '^https?://',
          description: 'Full API base URL overriding the site (a proxy, or a local stand-in)',
        },
        chunk: durationSchema,
        concurrency: { type: 'integer', minimum: 1, maximum: 16 },
      },
    },
    prometheus: {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      properties: {
        url: { type: 'string', minLength: 1 },
        step: durationSchema,
        auth: { enum: ['none', 'basic', 'bearer'] },
        concurrency: { type: 'integer', minimum: 1, maximum: 16 },
      },
    },
    s3: {
      type: 'object',
      additionalProperties: false,
      required: ['uri'],
      properties: {
        uri: { type: 'string', pattern: '^s3://' },
        format: { enum: ['csv', 'jsonl'] },
        timestamp_column: { type: 'string', minLength: 1 },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        force_path_style: { type: 'boolean' },
      },
    },
  },
} as const;
