import type { Secrets } from './config/types.js';
import type { Logger } from './logger.js';

/** Identity of this workflow run, for lineage, de-duplication and resumable publishing. */
export interface RunInfo {
  /** GITHUB_RUN_ID, or a local id for CLI runs. */
  runId: string;
  runAttempt: number;
  repository?: string;
  sha?: string;
  ref?: string;
  workflow?: string;
  serverUrl: string;
  apiUrl: string;
  actor?: string;
}

/** What every stage's adapters may use; built once by main.ts or the CLI. */
export interface StageContext {
  logger: Logger;
  secrets: Secrets;
  run: RunInfo;
  /** Repository root: relative paths in the config resolve against it. */
  root: string;
  /** Scratch folder of this run (training outputs, downloads). */
  workDir: string;
  /** Folder for the run report and kept notebooks. */
  reportDir: string;
  /** Injected clock, so tests can pin time. */
  now: () => Date;
  /** Aborted when the workflow is cancelled (SIGINT/SIGTERM). */
  signal: AbortSignal;
}

export function runInfoFromEnv(env: NodeJS.ProcessEnv): RunInfo {
  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com';
  return {
    runId: env.GITHUB_RUN_ID || `local-${Date.now()}`,
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT || '1') || 1,
    repository: env.GITHUB_REPOSITORY || undefined,
    sha: env.GITHUB_SHA || undefined,
    ref: env.GITHUB_REF || undefined,
    workflow: env.GITHUB_WORKFLOW || undefined,
    serverUrl,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    actor: env.GITHUB_ACTOR || undefined,
  };
}
