import type { Decision, Severity } from '../gate/types.js';

/** Where one model stands after the plan; `invalid` and `failed` need a person first. */
export type ModelState = 'invalid' | 'failed' | 'retrain' | 'warn' | 'insufficient' | 'ok';

/** One row of the fleet: a config file and what its check found. */
export interface FleetModel {
  /** Registry name; the file name when the config could not be read. */
  model: string;
  /** Config path relative to the repository root, as the retrain job's `config` input takes it. */
  config: string;
  state: ModelState;
  decision?: Decision;
  severity?: Severity;
  /** Why, in one line (the gate's first reason, the guard's, or the error). */
  reason: string;
  /** Version the alias serves, null on a cold start, undefined when not known. */
  champion?: number | null;
  /** Runner labels of the retrain job (train.runs_on). */
  runsOn: string[];
  /** The pool the labels name (labels joined with "+"). */
  pool: string;
  /** The model's run report file. */
  report?: string;
  /** The check's verdict (decision, severity, why) as the retrain job's gate-verdict input takes it. */
  gateVerdict?: string;
  /** For an invalid config: the line of the problem. */
  line?: number;
}

/** One `strategy.matrix.include` entry: everything the retrain job needs, and no more. */
export interface MatrixEntry {
  model: string;
  config: string;
  runs_on: string[];
  pool: string;
  decision: Decision;
  severity: Severity;
  /** The check's verdict whole (decision, severity, reasons): the retrain job's gate-verdict input. */
  gate_verdict: string;
  /** The fleet file whose defaults the retrain job must apply ('' for a plain glob). */
  configs: string;
}

/** How many retrains one pool receives and how many to run at once. */
export interface PoolAdvice {
  pool: string;
  runsOn: string[];
  retrains: number;
  /** Runners the pool has (fleet file pools.<name>.max_runners), when declared. */
  maxRunners?: number;
  maxParallel: number;
  why: string;
}

/** The fleet report JSON (output `fleet-report`). */
export interface FleetReport {
  schema: 1;
  startedAt: string;
  finishedAt: string;
  configs: string;
  forced: boolean;
  counts: Record<ModelState, number>;
  retrainCount: number;
  /** Matrix parts of at most 256 entries (GitHub's limit per matrix). */
  matrix: MatrixEntry[][];
  pools: PoolAdvice[];
  models: FleetModel[];
  /** Seconds: loading configs, checking models. */
  timings: { load: number; check: number };
}
