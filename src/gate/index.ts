import type { MetricsResult } from '../metrics/types.js';
import type { Trigger } from '../trigger/types.js';
import type { GateConfig } from './config.js';
import type { GateReport } from './types.js';

export interface GateInput {
  metrics: MetricsResult;
  trigger: Trigger;
  /** force input or a forced trigger: retrain whatever the checks say. */
  forced: boolean;
  dryRun: boolean;
  /** Age of the serving model in ms, or null when there is none (cold start). */
  championAgeMs: number | null;
}

/** Pure: checks + policy → report and decision. */
export function evaluateGate(config: GateConfig, input: GateInput): GateReport {
  void config;
  void input;
  throw new Error('gate: not implemented yet');
}
