import type { ValidateMode } from './config.js';

export type VerdictStatus = 'promote' | 'reject';

export interface RuleResult {
  /** floor, ceiling, min_change, min_relative_change, tolerance, relative_tolerance, significance. */
  rule: string;
  metric: string;
  passed: boolean;
  detail: string;
  /** Not applicable this run (cold start, champion lacks the metric); counts as passed. */
  skipped?: boolean;
}

export interface MetricRow {
  metric: string;
  champion: number | null;
  challenger: number;
  delta: number | null;
  /** delta / |champion|; null without a champion value (or when it is 0). */
  relativeDelta?: number | null;
  direction?: 'higher' | 'lower';
  /** primary, guard (has a policy), or info (reported by the notebook, no policy). */
  role?: 'primary' | 'guard' | 'info';
}

/** Result of the significance test of the primary metric difference (challenger - champion). */
export type SignificanceResult = {
  test: 'mcnemar' | 'bootstrap';
  /** Per-example metric the test used. */
  metric: string;
  level: number;
  required: boolean;
  /** Examples in the predictions file. */
  n: number;
  /** Metric on the predictions: challenger, champion, and their difference. */
  challenger: number;
  champion: number;
  delta: number;
  /** Two-sided p-value (McNemar exact; bootstrap: from the resampled differences). */
  p: number;
  /** McNemar: discordant pairs (challenger right / champion wrong, and the reverse). */
  challengerOnly?: number;
  championOnly?: number;
  /** Bootstrap: percentile interval of the difference at 1 - level. */
  ciLow?: number;
  ciHigh?: number;
  resamples?: number;
  seed?: number;
  /** The challenger is better on the predictions, significant or not. */
  better: boolean;
  /** The challenger is better and the difference is significant at `level`. */
  significant: boolean;
};

export interface Verdict {
  status: VerdictStatus;
  /** One line: why. Names the first failing rule when rejected. */
  reason: string;
  coldStart: boolean;
  /** 'rescored' when the champion was scored on the challenger's holdout, 'recorded' otherwise. */
  comparison: 'rescored' | 'recorded' | 'none';
  rules: RuleResult[];
  table: MetricRow[];
  significance?: Record<string, number | string | boolean | null>;
  /** Computed but not blocking (dry-run). */
  advisory: boolean;
  /** The validate mode that produced this verdict (default enforce). */
  mode?: ValidateMode;
  /** Whether publishing may move the serving alias (false in shadow mode). */
  moveAlias?: boolean;
  /** Advisory verdicts: what enforce mode would have decided. */
  wouldBe?: VerdictStatus;
  /** Champion version compared against, when there is one. */
  championVersion?: number | null;
  /** Sentences about the comparison basis, cold start and mode, for the summary. */
  notes?: string[];
}

/** What the smoke command did against the challenger's model folder. */
export interface SmokeResult {
  /** The command as configured, for the summary. */
  command: string;
  passed: boolean;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationS: number;
  /** The last lines of stdout and stderr, interleaved as they came. */
  output: string;
  /** One line: why it failed, or what passed. */
  reason: string;
}
