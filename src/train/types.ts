/** What the notebook writes to output_dir/metrics.json (the notebook contract). */
export interface NotebookMetrics {
  challenger: Record<string, number>;
  champion?: Record<string, number>;
  predictions?: string;
}

export interface TrainRequest {
  notebook: string;
  parameters: Record<string, unknown>;
  /** Where the notebook writes model/ and metrics.json. */
  outputDir: string;
  /** Local copy of the champion, or null on cold start. */
  championDir: string | null;
  runId: string;
  modelName: string;
  trigger: string;
}

export interface CellTiming {
  index: number;
  executionCount: number | null;
  durationS: number | null;
  firstLine: string;
}

export interface TrainResult {
  engine: 'papermill' | 'nbclient';
  executedNotebook: string;
  outputDir: string;
  modelDir: string;
  metrics: NotebookMetrics;
  files: { path: string; size: number }[];
  durationS: number;
  slowestCells: CellTiming[];
  gpu?: { name: string; memoryMiB: number }[];
}

export type FailureKind =
  'exception' | 'timeout' | 'kernel-died' | 'cancelled' | 'bad-outputs' | 'engine';

/** The cell a failed notebook stopped at, as the summary and the report show it. */
export interface CellFailure {
  index: number;
  executionCount: number | null;
  source: string;
  ename: string;
  evalue: string;
  /** ANSI-free, one line per entry joined with newlines. */
  traceback: string;
}

/** Training failed: carries what the summary shows and where the executed notebook was kept. */
export class TrainingFailed extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly executedNotebook: string | null,
    readonly cell?: CellFailure,
  ) {
    super(message);
    this.name = 'TrainingFailed';
  }
}
