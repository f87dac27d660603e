export type VerdictStatus = 'promote' | 'reject';

export interface RuleResult {
  rule: string;
  metric: string;
  passed: boolean;
  detail: string;
}

export interface MetricRow {
  metric: string;
  champion: number | null;
  challenger: number;
  delta: number | null;
}

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
}
