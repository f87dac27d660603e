import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from './config/load.js';
import type { Config, RunOptions } from './config/types.js';
import { runInfoFromEnv, type StageContext } from './context.js';
import { UserError, errorMessage } from './errors.js';
import type { Logger } from './logger.js';
import { runPipeline } from './pipeline.js';
import { fleetDefaults } from './plan/fleet-file.js';
import type { NotifyInput } from './report/notify.js';
import { renderSummary } from './report/summary.js';
import type { RunReport } from './report/types.js';
import { writeRunReport } from './report/write.js';
import { readTrigger } from './trigger/read.js';
import { throwawayRegistryProblem } from './registry-durability.js';

export interface ExecuteInput {
  options: RunOptions;
  /** Repository root. */
  root: string;
  eventName: string;
  payload: Record<string, unknown>;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  /** Default folder for reports when the config names none. */
  defaultReportDir: string;
  signal: AbortSignal;
  now?: () => Date;
  /** A config already loaded and validated (mode: plan loads the fleet's configs once). */
  config?: Config;
  /** Lists open issues by label; a fleet plan shares one listing between its models. */
  listOpenIssues?: NotifyInput['listOpenIssues'];
}

export interface ExecuteResult {
  config: Config;
  report: RunReport;
  summary: string;
  error?: unknown;
}

/** Config → trigger → pipeline → report file and summary. The one path both the action and the CLI take. */
export async function execute(input: ExecuteInput): Promise<ExecuteResult> {
  const { options, root, logger } = input;
  // The trigger is read with the config: both lines in the Config group.
  const { config, trigger } = await logger.group('Config', async () => {
    const c =
      input.config ?? loadConfig(options.configPath, root, fleetDefaults(options.configs, root));
    logger.info(
      `config ${c.file}: model ${c.model.name}, metrics from ${c.metrics.source}, registry ${c.publish.registry}`,
    );
    // Never silent: a registry that is thrown away with the job would keep every run a cold start.
    const throwaway = throwawayRegistryProblem(c.publish.registry, root, input.env);
    if (throwaway) throw new UserError(throwaway);
    const t = readTrigger(
      input.eventName,
      input.payload,
      { force: options.force, reason: options.reason, notebook: c.train.notebook },
      c.trigger,
    );
    logger.info(`trigger: ${t.kind} — ${t.reason}${t.forced ? ' (forced)' : ''}`);
    return { config: c, trigger: t };
  });

  const run = runInfoFromEnv(input.env);
  const reportDir = resolve(root, config.report.dir ?? input.defaultReportDir);
  const workDir = join(reportDir, `run-${run.runId}-${run.runAttempt}`);
  mkdirSync(workDir, { recursive: true });
  const ctx: StageContext = {
    logger,
    secrets: options.secrets,
    run,
    root,
    workDir,
    reportDir,
    now: input.now ?? (() => new Date()),
    signal: input.signal,
  };

  const result = await runPipeline({ config, options, trigger, ctx });
  const { report } = result;
  let error = result.error;
  // Tell people and systems (issue, deployment, webhook, Datadog event); a dry run tells no one.
  if (!options.dryRun) {
    try {
      // Loaded here: a run that never gets this far does not pay for octokit at start-up.
      const { notify } = await import('./report/notify.js');
      report.notifications = await logger.group('Notify', () =>
        notify(
          {
            config,
            report,
            summaryMarkdown: renderSummary(report, result.metrics),
            listOpenIssues: input.listOpenIssues,
            ...(result.metrics ? { metrics: result.metrics } : {}),
          },
          ctx,
        ),
      );
    } catch (e) {
      report.notifications = { error: errorMessage(e) };
      error ??= e;
    }
  }
  writeRunReport(report, reportDir);
  const summary = renderSummary(report, result.metrics);
  return { config, report, summary, error };
}

/** Reads the event payload file the runner provides (GITHUB_EVENT_PATH). */
export function readEventPayload(path: string | undefined): Record<string, unknown> {
  if (!path || !existsSync(path)) return {};
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  } catch (e) {
    throw new UserError(`the event payload ${path} is not valid JSON: ${(e as Error).message}`);
  }
}
