import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config, RunOptions } from './config/types.js';
import type { StageContext } from './context.js';
import { errorMessage } from './errors.js';
import { evaluateGate } from './gate/index.js';
import { estimateHistoryStage } from './gate/estimate-history-stage.js';
import { noDataStage } from './gate/no-data-stage.js';
import type { GateReport } from './gate/types.js';
import { fetchMetrics } from './metrics/index.js';
import type { MetricsResult } from './metrics/types.js';
import {
  openRegistry,
  type ChampionInfo,
  type Publication,
  type Registry,
} from './registry/index.js';
import { gateFromHandoff } from './report/gate-verdict.js';
import { runUrl } from './report/notify/links.js';
import { isoRange } from './report/time.js';
import { RUN_REPORT_SCHEMA, type RunReport } from './report/types.js';
import { runTraining } from './train/index.js';
import { checkNotebook } from './train/preflight.js';
import { TrainingFailed, type TrainResult } from './train/types.js';
import { decideWithTrigger } from './trigger/decide.js';
import { guardRetrain } from './trigger/guard.js';
import type { Trigger } from './trigger/types.js';
import { validateChallenger } from './validate/index.js';
import { applySmoke, runSmoke } from './validate/smoke.js';
import type { Verdict } from './validate/types.js';
import { TOOL } from './version.js';

export interface PipelineInput {
  config: Config;
  options: RunOptions;
  trigger: Trigger;
  ctx: StageContext;
}

/** The report is always returned, also when a stage failed: outputs and summary are written before the step fails. */
export interface PipelineResult {
  report: RunReport;
  error?: unknown;
  /** The windows' samples, for the summary's distribution charts (not kept in the report). */
  metrics?: MetricsResult;
}

/**
 * trigger → metrics → gate → decision → train → validate → publish. Each stage gets a typed
 * value from the previous one; no stage reaches back. Shared by the action and the CLI.
 */
export async function runPipeline(input: PipelineInput): Promise<PipelineResult> {
  const { config, options, trigger, ctx } = input;
  const report: RunReport = {
    schema: RUN_REPORT_SCHEMA,
    tool: TOOL,
    model: config.model.name,
    mode: options.mode,
    run: ctx.run,
    commit: ctx.run.sha ?? null,
    runUrl: runUrl(ctx.run) ?? null,
    startedAt: ctx.now().toISOString(),
    trigger,
    decision: 'skip',
    severity: 'ok',
    timings: {},
    outcome: 'checked',
  };
  const held: { metrics?: MetricsResult } = {};
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await ctx.logger.group(name, fn);
    } finally {
      report.timings[name.toLowerCase()] = Math.round(performance.now() - t0) / 1000;
    }
  };

  let opened: Registry | undefined;
  try {
    const registry = openRegistry(config.publish, config.model.name, ctx);
    opened = registry;
    if (options.mode === 'rollback') {
      report.publication = await phase('Rollback', async () => {
        const p = await registry.rollback(options.rollbackTo, {
          runId: ctx.run.runId,
          reason: options.reason,
        });
        ctx.logger.info(`alias ${config.publish.alias} now serves version ${p.version}`);
        return p;
      });
      report.outcome = 'rolled-back';
      return { report, metrics: held.metrics };
    }

    const champion = await phase('Champion', async () => {
      const c = await registry.champion(config.publish.alias);
      ctx.logger.info(
        c
          ? `${config.publish.alias} serves version ${c.version} (published ${c.createdAt})`
          : 'no version published yet: cold start',
      );
      return c;
    });
    report.champion = champion
      ? { version: champion.version, createdAt: champion.createdAt }
      : null;
    // Resume before retrain: a re-run whose own version is published completes it, no training.
    if ((options.mode === 'retrain' || options.mode === 'full') && !options.dryRun) {
      const resumed = await registry.resumePublished(runKey(ctx));
      if (resumed) {
        report.decision = 'retrain';
        report.publication = resumed;
        report.outcome = publicationOutcome(resumed);
        return { report, metrics: held.metrics };
      }
    }

    // Every line of the decision is logged inside the Gate group, as it is taken.
    const gate = await gateStage(input, champion, report, phase, held, async (gate) => {
      report.gate = gate;
      for (const r of gate.reasons) ctx.logger.info(r);
      // What the event asked for (a monitor alert, a push, a person) meets what the gate found.
      const decided =
        options.mode === 'retrain' && options.gateDecision === 'retrain'
          ? gate
          : decideWithTrigger(trigger, gate);
      report.decision = decided.decision;
      report.severity = decided.severity;
      // Never silent: runs in a row without usable data escalate (gate.no_data); never a retrain.
      report.noData = await noDataStage(config.gate, gate, registry, ctx, !options.dryRun);
      if (report.noData?.severity && report.severity === 'insufficient') {
        report.severity = report.noData.severity;
        if (report.decision === 'skip' && !gate.dryRun) report.decision = 'warn';
      }
      // Estimated performance: store this window's estimate, reconcile earlier ones with labels.
      report.estimates = await estimateHistoryStage(
        config.gate,
        gate,
        held.metrics,
        champion,
        registry,
        ctx,
        !options.dryRun,
      );
      if ('reason' in decided && decided.reason)
        ctx.logger.info(`decision ${decided.decision}: ${decided.reason}`);
      if (report.decision === 'retrain') {
        const history = await registry.history();
        report.guard = guardRetrain(trigger, history, config.trigger, ctx.now());
        ctx.logger.info(report.guard.reason);
        if (report.guard.blocked) report.decision = 'skip';
      }
      if (options.mode === 'check') return;
      if (options.dryRun && report.decision === 'retrain')
        ctx.logger.info('dry run: the decision is retrain, but nothing is trained or published');
      else if (report.decision !== 'retrain')
        ctx.logger.info(`decision ${report.decision}: nothing to train`);
    });
    report.gate = gate;

    if (options.mode === 'check') {
      // The notebook's preflight costs nothing here: a broken notebook fails this cheap job, not the GPU job.
      await phase('Notebook', async () => {
        const nb = await checkNotebook(config.train, config.root);
        ctx.logger.info(
          `notebook ${config.train.notebook}: ${nb.cells} cells, parameters in cell ${nb.parametersCell + 1}, kernel ${nb.kernel}`,
        );
      });
      report.outcome = 'checked';
      return { report, metrics: held.metrics };
    }
    if (options.dryRun && report.decision === 'retrain') {
      report.outcome = 'skipped';
      return { report, metrics: held.metrics };
    }
    if (report.decision !== 'retrain') {
      report.outcome = 'skipped';
      return { report, metrics: held.metrics };
    }

    const train = await phase('Train', () => trainStage(input, registry, champion, report));
    // The serving check loads the challenger before anything is published.
    const smokeConfig = config.validate.smoke;
    if (smokeConfig)
      report.smoke = await phase('Smoke', () => runSmoke(smokeConfig, train, config.train, ctx));
    const verdict = await phase('Validate', async () => {
      let v = await validateChallenger(
        config.validate,
        train,
        champion,
        { dryRun: options.dryRun },
        ctx,
      );
      if (report.smoke) v = applySmoke(v, report.smoke);
      ctx.logger.info(`verdict: ${v.status} (${v.reason})`);
      return v;
    });
    report.verdict = verdict;
    if (verdict.status !== 'promote') {
      report.outcome = 'rejected';
      return { report, metrics: held.metrics };
    }

    report.publication = await phase('Publish', async () => {
      const p = await registry.publish({
        modelDir: train.modelDir,
        extraFiles: [
          { path: train.executedNotebook, name: '_run/executed.ipynb' },
          { path: join(train.outputDir, 'metrics.json'), name: '_run/metrics.json' },
        ],
        metrics: train.metrics.challenger,
        lineage: lineage(input, report, train, verdict),
        runKey: runKey(ctx),
        moveAlias: moveAlias(verdict),
        // Compare-and-swap: the alias moves only from the champion this challenger was compared with.
        validatedAgainst: champion
          ? { version: champion.version, etag: champion.aliasEtag ?? null }
          : { version: null, etag: null },
      });
      ctx.logger.info(`published version ${p.version} at ${p.uri}`);
      return p;
    });
    report.outcome = publicationOutcome(report.publication);
    return { report, metrics: held.metrics };
  } catch (error) {
    report.outcome = 'failed';
    report.error = errorMessage(error);
    if (error instanceof TrainingFailed) {
      report.trainingFailure = {
        kind: error.kind,
        message: error.message,
        executedNotebook: error.executedNotebook,
        cell: error.cell,
      };
    }
    return { report, error, metrics: held.metrics };
  } finally {
    report.finishedAt = ctx.now().toISOString();
    // Release the S3 client's sockets so the step ends when the work does.
    await opened?.close?.().catch(() => undefined);
  }
}

type Phase = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

async function gateStage(
  { config, options, trigger, ctx }: PipelineInput,
  champion: ChampionInfo | null,
  report: RunReport,
  phase: Phase,
  held: { metrics?: MetricsResult },
  decide: (gate: GateReport) => Promise<void>,
): Promise<GateReport> {
  // A retrain job behind a check job trusts that job's decision instead of fetching metrics twice.
  if (options.mode === 'retrain' && options.gateDecision === 'retrain') {
    if (!options.gateVerdict)
      ctx.logger.warning(
        'gate-decision passes only the decision: this run cannot report the severity and reasons the check found; pass gate-verdict: ${{ needs.check.outputs.gate-verdict }} instead',
      );
    const trusted = gateFromHandoff(options.gateVerdict, {
      forced: options.force,
      dryRun: options.dryRun,
    });
    return phase('Gate', async () => {
      await decide(trusted);
      return trusted;
    });
  }
  const metrics = await phase('Metrics', async () => {
    const m = await fetchMetrics(config.metrics, ctx, {
      ...(config.gate.exact_max_samples !== undefined
        ? { exactMax: config.gate.exact_max_samples }
        : {}),
    });
    for (const w of m.warnings) ctx.logger.warning(w);
    return m;
  });
  held.metrics = metrics;
  report.metrics = {
    source: metrics.source,
    queries: metrics.queries,
    windows: {
      current: isoRange(metrics.current.range),
      ...(metrics.reference ? { reference: isoRange(metrics.reference.range) } : {}),
    },
    points: metrics.points,
    warnings: metrics.warnings,
    ...(metrics.scan ? { scan: metrics.scan } : {}),
  };
  return phase('Gate', async () => {
    const gate = evaluateGate(config.gate, {
      metrics,
      trigger,
      forced: options.force || trigger.forced,
      dryRun: options.dryRun || config.gate.dry_run,
      championAgeMs: champion ? ctx.now().getTime() - Date.parse(champion.createdAt) : null,
    });
    await decide(gate);
    return gate;
  });
}

async function trainStage(
  { config, trigger, ctx }: PipelineInput,
  registry: Registry,
  champion: ChampionInfo | null,
  report: RunReport,
): Promise<TrainResult> {
  const outputDir = join(ctx.workDir, 'train');
  mkdirSync(outputDir, { recursive: true });
  let championDir: string | null = null;
  if (champion) {
    championDir = join(ctx.workDir, 'champion');
    ctx.logger.info(`downloading champion version ${champion.version} to ${championDir}`);
    await registry.download(champion.version, championDir);
  }
  const result = await runTraining(
    config.train,
    {
      notebook: config.train.notebook,
      parameters: config.train.parameters ?? {},
      outputDir,
      championDir,
      runId: ctx.run.runId,
      modelName: config.model.name,
      trigger: trigger.reason,
    },
    ctx,
  );
  report.training = result;
  return result;
}

/** Not the attempt: re-running a workflow run (attempt 2) resumes its version, never adds one. */
function runKey(ctx: StageContext): string {
  return `${ctx.run.repository ?? 'local'}#${ctx.run.runId}`;
}

function publicationOutcome(p: Publication): RunReport['outcome'] {
  return p.aliasMoved ? 'published' : p.superseded ? 'superseded' : 'shadow';
}

function moveAlias(verdict: Verdict): boolean {
  return verdict.moveAlias ?? true;
}

/** What the manifest records about where a version came from. */
function lineage(
  { ctx, trigger, options }: PipelineInput,
  report: RunReport,
  train: TrainResult,
  verdict: Verdict,
): Record<string, unknown> {
  const run = ctx.run;
  return {
    repository: run.repository ?? null,
    commit: run.sha ?? null,
    ref: run.ref ?? null,
    workflow: run.workflow ?? null,
    runId: run.runId,
    runAttempt: run.runAttempt,
    runUrl: run.repository ? `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}` : null,
    trigger: {
      kind: trigger.kind,
      event: trigger.event,
      reason: trigger.reason,
      forced: trigger.forced || options.force,
      // The registry copies it into its history: one alert cycle never retrains twice.
      ...(trigger.dedupeKey ? { dedupeKey: trigger.dedupeKey } : {}),
    },
    windows: report.metrics?.windows ?? null,
    gate: report.gate
      ? {
          severity: report.gate.severity,
          decision: report.gate.decision,
          checks: report.gate.checks.map((c) => ({
            name: c.name,
            value: c.value,
            status: c.status,
          })),
        }
      : null,
    metrics: train.metrics,
    verdict: { status: verdict.status, reason: verdict.reason, comparison: verdict.comparison },
    champion: report.champion ?? null,
  };
}
