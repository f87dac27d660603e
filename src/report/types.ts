import type { Mode } from '../config/types.js';
import type { RunInfo } from '../context.js';
import type { EstimateHistoryReport } from '../gate/estimate-history-report.js';
import type { NoDataReport } from '../gate/no-data.js';
import type { Decision, GateReport, Severity } from '../gate/types.js';
import type { QueryDescription, ScanReport } from '../metrics/types.js';
import type { Publication } from '../registry/types.js';
import type { CellFailure, FailureKind, TrainResult } from '../train/types.js';
import type { Trigger } from '../trigger/types.js';
import type { SmokeResult, Verdict } from '../validate/types.js';

export type Outcome =
  | 'checked'
  | 'skipped'
  | 'published'
  | 'shadow'
  /** Published, not promoted: the alias moved away from the champion it was validated against. */
  | 'superseded'
  | 'rejected'
  | 'rolled-back'
  | 'failed';

/** The run report's shape version; schema/run-report.schema.json describes it. */
export const RUN_REPORT_SCHEMA = 2;

/** A window as ISO 8601 instants, [start, end). */
export interface IsoRange {
  start: string;
  end: string;
}

/**
 * The machine-readable record of one run; the job summary and the outputs are views of it.
 * Published as schema/run-report.schema.json (docs/run-report.md); every time is ISO 8601.
 */
export interface RunReport {
  schema: typeof RUN_REPORT_SCHEMA;
  tool: { name: string; version: string };
  model: string;
  mode: Mode;
  run: RunInfo;
  /** The commit the workflow ran on (GITHUB_SHA), null outside GitHub Actions. */
  commit: string | null;
  /** The workflow run's page, null outside GitHub Actions. */
  runUrl: string | null;
  startedAt: string;
  finishedAt?: string;
  trigger: Trigger;
  metrics?: {
    source: string;
    queries: QueryDescription[];
    windows: { current: IsoRange; reference?: IsoRange };
    points: Record<string, { current: number; reference?: number }>;
    warnings: string[];
    /** Parquet sources: objects, bytes and row groups read and skipped. */
    scan?: ScanReport;
  };
  gate?: GateReport;
  /** Runs in a row without usable data (gate.no_data) and whether this run escalated. */
  noData?: NoDataReport;
  /** Estimated performance against realized, window by window (gate.performance source: estimated). */
  estimates?: EstimateHistoryReport;
  decision: Decision;
  severity: Severity;
  /** Set when de-duplication or cooldown held a retrain back. */
  guard?: {
    blocked: boolean;
    reason: string;
    /** What held it back: the alert cycle or push was already served, or the cooldown. */
    by?: 'duplicate' | 'cooldown';
    /** When the cooldown ends (ISO 8601). */
    until?: string;
  };
  champion?: { version: number; createdAt: string } | null;
  training?: Omit<TrainResult, 'metrics'> & { metrics: TrainResult['metrics'] };
  trainingFailure?: {
    kind: FailureKind;
    message: string;
    executedNotebook: string | null;
    cell?: CellFailure;
  };
  /** The serving check (validate.smoke), when configured and training succeeded. */
  smoke?: SmokeResult;
  verdict?: Verdict;
  publication?: Publication;
  /** Results of GitHub issue, deployment, webhook and Datadog event calls. */
  notifications?: Record<string, unknown>;
  /** Seconds per phase. */
  timings: Record<string, number>;
  outcome: Outcome;
  error?: string;
  /** Where this report was written. */
  path?: string;
}
