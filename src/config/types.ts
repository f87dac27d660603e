import type { GateConfig } from '../gate/config.js';
import type { GateHandoff } from '../gate/types.js';
import type { MetricsConfig } from '../metrics/config.js';
import type { PublishConfig } from '../registry/config.js';
import type { ReportConfig } from '../report/config.js';
import type { TrainConfig } from '../train/config.js';
import type { TriggerConfig } from '../trigger/config.js';
import type { ValidateConfig } from '../validate/config.js';

/** The whole config file after validation and defaults. */
export interface Config {
  /** Absolute path of the file it was read from. */
  file: string;
  /** Folder that relative paths in the file are resolved against (the repository root). */
  root: string;
  model: { name: string; description?: string };
  metrics: MetricsConfig;
  gate: GateConfig;
  train: TrainConfig;
  validate: ValidateConfig;
  publish: PublishConfig;
  trigger: TriggerConfig;
  report: ReportConfig;
}

export type Mode = 'check' | 'retrain' | 'full' | 'rollback' | 'plan';

/** Secrets arrive as inputs or environment, never in the config file; each is masked on read. */
export interface Secrets {
  githubToken?: string;
  datadogApiKey?: string;
  datadogAppKey?: string;
  prometheusUsername?: string;
  prometheusPassword?: string;
  prometheusToken?: string;
  webhookSecret?: string;
}

/** Everything read from the action's inputs (or the CLI's flags), parsed once at the edge. */
export interface RunOptions {
  mode: Mode;
  configPath: string;
  force: boolean;
  /** Free-text reason given by a person (workflow_dispatch). */
  reason?: string;
  /** retrain mode: the decision the check job already made ("retrain" skips re-checking the gate). */
  gateDecision?: 'skip' | 'warn' | 'retrain';
  /** retrain mode: the check job's whole verdict (severity and why), carried into this run. */
  gateVerdict?: GateHandoff;
  /** rollback mode: the version to move the alias to (default: the previous one). */
  rollbackTo?: number;
  dryRun: boolean;
  /** Fail the step (after outputs and summary) when the challenger is rejected or superseded. */
  failOnReject: boolean;
  secrets: Secrets;
  /** plan mode: a glob of model configs, or a fleet file (its `defaults` also apply in retrain mode). */
  configs?: string;
  /** plan mode: report invalid configs and failed checks instead of failing the plan. */
  keepGoing?: boolean;
}
