import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { gateHandoff } from '../report/gate-verdict.js';
import { join, resolve } from 'node:path';
import { isScalar, LineCounter, parseDocument } from 'yaml';
import { mapLimit } from '../concurrency.js';
import { parseConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
import { runInfoFromEnv } from '../context.js';
import { UserError, errorMessage } from '../errors.js';
import { execute, type ExecuteInput } from '../execute.js';
import type { GitHubClient } from '../github/client.js';
import type { IssueInfo } from '../github/types.js';
import type { Logger } from '../logger.js';
import { checkLine } from '../gate/index.js';
import { runUrl } from '../report/notify/links.js';
import { worstCheck } from '../report/summary.js';
import type { RunReport } from '../report/types.js';
import { escapeLogText } from '../text/escape.js';
import { findConfigs } from './discover.js';
import { isFleetFile, readFleetFile, type FleetFile } from './fleet-file.js';
import { matrixEntries, planOutputs, poolName, runnerLabels, splitMatrix } from './matrix.js';
import { poolAdvice, totalMaxParallel } from './pools.js';
import { byAttention, countStates, stateOf } from './state.js';
import { renderFleetSummary } from './summary.js';
import type { FleetModel, FleetReport } from './types.js';

export const DEFAULT_CONFIGS = '.github/models/*.yml';
/** Checks in flight at once: they wait on metrics APIs and the registry, not on this CPU. */
export const DEFAULT_CONCURRENCY = 8;

export type PlanInput = Omit<ExecuteInput, 'config' | 'listOpenIssues'>;

export interface PlanResult {
  report: FleetReport;
  /** Where the fleet report JSON was written. */
  path: string;
  summary: string;
  outputs: Record<string, string>;
  /** Set when the plan must fail the step (a failed check without keep-going). */
  error?: unknown;
}

interface Loaded {
  file: string;
  config?: Config;
  error?: UserError;
}

/**
 * mode: plan. Every model config of the fleet is loaded and validated, then checked (the same
 * `execute` path as mode: check) with at most `concurrency` checks in flight; the models to
 * retrain become the matrix outputs, and the whole fleet one summary and one report file.
 */
export async function executePlan(input: PlanInput): Promise<PlanResult> {
  const { options, root, logger } = input;
  const startedAt = (input.now ?? (() => new Date()))();
  const spec = options.configs || DEFAULT_CONFIGS;
  const keepGoing = options.keepGoing ?? false;

  const t0 = performance.now();
  const fleet = isFleetFile(spec, root) ? readFleetFile(spec, root) : undefined;
  const patterns = fleet ? fleet.configs : splitPatterns(spec);
  const files = findConfigs(root, patterns);
  if (files.length === 0) {
    throw new UserError(
      `configs: no file matches ${patterns.map((p) => `"${p}"`).join(', ')} under ${root}. Point the "configs" input at your model configs (e.g. ${DEFAULT_CONFIGS}) or at a fleet file.`,
    );
  }
  const loaded = loadAll(files, root, fleet);
  const invalid = loaded.filter((l) => l.error);
  for (const l of invalid) {
    const e = l.error as UserError;
    // The annotation carries the file and line; the text says what is wrong and the fix.
    if (keepGoing) logger.warning(escapeLogText(withoutLocation(e)), e.where);
    else logger.error(escapeLogText(withoutLocation(e)), e.where);
  }
  if (invalid.length > 0 && !keepGoing) {
    const first = invalid[0]?.error as UserError;
    const at = first.where
      ? `${first.where.file}${first.where.line ? `:${first.where.line}` : ''}: `
      : `${invalid[0]?.file}: `;
    // No location on this one: each config's error above is already annotated on its line.
    throw new UserError(
      `${invalid.length} of ${files.length} model config(s) invalid; the first: ${at}${withoutLocation(first)}${
        invalid.length > 1
          ? ` (also: ${invalid
              .slice(1, 6)
              .map((l) => l.file)
              .join(', ')}${invalid.length > 6 ? ', …' : ''})`
          : ''
      }. Fix them, or set keep-going: true to plan the valid ones.`,
    );
  }
  const load = (performance.now() - t0) / 1000;
  logger.info(
    `${files.length} model config(s) from ${patterns.join(', ')}: ${files.length - invalid.length} valid, ${invalid.length} invalid`,
  );

  const t1 = performance.now();
  const target = targetModel(input.payload);
  const valid = loaded.filter((l): l is Loaded & { config: Config } => Boolean(l.config));
  if (target && !valid.some((l) => l.config.model.name === target)) {
    logger.warning(
      `the ${input.eventName} event names model "${escapeLogText(target)}", which no config of the fleet defines: every model is checked as on a schedule`,
    );
  }
  const base = resolve(root, input.defaultReportDir);
  const listOpenIssues = sharedIssueList(input);
  const checked = await mapLimit(valid, fleet?.concurrency ?? DEFAULT_CONCURRENCY, (l) =>
    checkOne(l.file, l.config, { input, base, target, listOpenIssues }),
  );
  const check = (performance.now() - t1) / 1000;

  const models = [...invalid.map(invalidRow), ...checked].sort(byAttention);
  const forced = options.force;
  const entries = matrixEntries(models, { forced, configs: fleet ? spec : '' });
  const parts = splitMatrix(entries);
  const pools = poolAdvice(entries, fleet?.pools);
  const run = runInfoFromEnv(input.env);
  const report: FleetReport = {
    schema: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: (input.now ?? (() => new Date()))().toISOString(),
    configs: spec,
    forced,
    counts: countStates(models),
    retrainCount: entries.length,
    matrix: parts,
    pools,
    models,
    timings: { load: round(load), check: round(check) },
  };
  const path = writeFleetReport(report, base, `${run.runId}-${run.runAttempt}`);
  const summary = renderFleetSummary(report, runUrl(run));
  const outputs = planOutputs(parts, totalMaxParallel(pools), path);
  if (parts.length > 1) {
    logger.warning(
      `${entries.length} retrains exceed GitHub's 256 jobs per matrix: split into ${parts.length} parts (outputs matrix, matrix-2 … matrix-${parts.length}); the workflow needs one retrain job per part (see docs/fleet.md)`,
    );
  }
  logger.info(
    `fleet: ${Object.entries(report.counts)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}; ${entries.length} to retrain; report ${path}`,
  );
  const failed = checked.filter((m) => m.state === 'failed');
  let error: unknown;
  if (failed.length > 0 && !keepGoing) {
    error = new Error(
      `${failed.length} model check(s) failed: ${failed
        .slice(0, 5)
        .map((m) => `${m.model}: ${m.reason}`)
        .join(
          '; ',
        )}${failed.length > 5 ? '; …' : ''}. The matrix holds the others; set keep-going: true to pass the step anyway.`,
    );
  }
  return { report, path, summary, outputs, error };
}

/** "a/*.yml, b/*.yml" or one pattern per line. */
function splitPatterns(spec: string): string[] {
  return spec
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * Reads and validates every config once. Configs that share a model.name are all invalid: which
 * one is "the" model cannot be told from the order of files, and either would publish the
 * other's versions.
 */
function loadAll(files: readonly string[], root: string, fleet: FleetFile | undefined): Loaded[] {
  const loaded = files.map((file): Loaded => {
    const abs = resolve(root, file);
    try {
      return { file, config: parseConfig(readFileSync(abs, 'utf8'), abs, root, fleet?.defaults) };
    } catch (e) {
      if (e instanceof UserError) return { file, error: e };
      throw e;
    }
  });
  const byName = new Map<string, string[]>();
  for (const l of loaded)
    if (l.config)
      byName.set(l.config.model.name, [...(byName.get(l.config.model.name) ?? []), l.file]);
  return loaded.map((l) => {
    const same = l.config ? (byName.get(l.config.model.name) ?? []) : [];
    if (!l.config || same.length < 2) return l;
    const others = same.filter((f) => f !== l.file);
    const abs = resolve(root, l.file);
    const line = nameLine(abs);
    return {
      file: l.file,
      error: new UserError(
        `model.name "${l.config.model.name}" is also the model of ${others.join(', ')}: two configs would publish the same versions. Give each model its own name.`,
        { file: abs, ...(line ? { line } : {}) },
      ),
    };
  });
}

/** The line of model.name in a config file, for the annotation. */
function nameLine(abs: string): number | undefined {
  try {
    const counter = new LineCounter();
    const doc = parseDocument(readFileSync(abs, 'utf8'), { lineCounter: counter });
    const node = doc.getIn(['model', 'name'], true);
    return isScalar(node) && node.range ? counter.linePos(node.range[0]).line : undefined;
  } catch {
    return undefined;
  }
}

/** An error's message without the "file:line: " its location already gives (no path twice). */
export function withoutLocation(e: UserError): string {
  const file = e.where?.file;
  if (!file) return e.message;
  for (const f of [file, file.replace(/^.*[\\/]/, '')]) {
    for (const prefix of [e.where?.line ? `${f}:${e.where.line}: ` : '', `${f}: `]) {
      if (prefix && e.message.startsWith(prefix)) return e.message.slice(prefix.length);
    }
  }
  return e.message;
}

function invalidRow(l: Loaded): FleetModel {
  const e = l.error as UserError;
  const name =
    l.file
      .split('/')
      .pop()
      ?.replace(/\.ya?ml$/, '') ?? l.file;
  return {
    model: name,
    config: l.file,
    state: 'invalid',
    reason: withoutLocation(e),
    runsOn: [],
    pool: '',
    ...(e.where?.line ? { line: e.where.line } : {}),
  };
}

interface CheckShared {
  input: PlanInput;
  base: string;
  target: string | undefined;
  listOpenIssues: NonNullable<ExecuteInput['listOpenIssues']>;
}

/** One model's check through `execute`; never throws: a failure becomes the model's row. */
async function checkOne(file: string, loaded: Config, shared: CheckShared): Promise<FleetModel> {
  const { input, base, target } = shared;
  const name = loaded.model.name;
  const runsOn = runnerLabels(loaded.train.runs_on, loaded.train.gpu);
  const row = { model: name, config: file, runsOn, pool: poolName(runsOn) };
  // Each model keeps its own reports: one folder per model under the plan's (or its own) dir.
  const config: Config = {
    ...loaded,
    report: { ...loaded.report, dir: join(resolve(input.root, loaded.report.dir ?? base), name) },
  };
  // An event that names one model (a monitor alert) applies to it; the others get a plain check.
  const aimed = !target || target === name;
  try {
    const result = await execute({
      ...input,
      options: {
        ...input.options,
        mode: 'check',
        configPath: file,
        ...(aimed
          ? {}
          : {
              reason: `fleet plan: the ${input.eventName} event names model ${target}; this one is checked as on a schedule`,
            }),
      },
      eventName: aimed ? input.eventName : 'schedule',
      payload: aimed ? input.payload : {},
      logger: prefixed(input.logger, name),
      config,
      listOpenIssues: shared.listOpenIssues,
    });
    const r = result.report;
    if (result.error !== undefined) {
      return { ...row, state: 'failed', reason: errorMessage(result.error), report: r.path };
    }
    const reason = modelReason(r);
    return {
      ...row,
      state: stateOf(r.decision, r.severity),
      decision: r.decision,
      severity: r.severity,
      reason,
      gateVerdict: JSON.stringify(gateHandoff(r, { checks: false })),
      champion: r.champion ? r.champion.version : r.champion === null ? null : undefined,
      ...(r.path ? { report: r.path } : {}),
    };
  } catch (e) {
    return { ...row, state: 'failed', reason: errorMessage(e) };
  }
}

/**
 * A row's why, with the value that decided it: "warn: mean confidence = 0.75 < 0.8 (warn
 * threshold)", not only "1 of 1 check warn". An override (cold start, forced, model age) or a
 * guard that held the retrain back comes first.
 */
export function modelReason(r: RunReport): string {
  if (r.guard?.blocked) return r.guard.reason;
  const gate = r.gate;
  if (!gate) return r.decision;
  const first = gate.reasons[0] ?? r.decision;
  const flagged = gate.checks.filter((c) => c.status !== 'ok');
  const worst = worstCheck(flagged);
  if (!worst) return first;
  const more = flagged.length > 1 ? ` (and ${flagged.length - 1} more)` : '';
  const lead = /^\w+: \d+ of \d+ checks? /.test(first) ? '' : `${first}; `;
  return `${lead}${checkLine(worst)}${more}`;
}

/** The model named by a dispatch (client_payload.model, or the workflow_dispatch input model). */
export function targetModel(payload: Record<string, unknown>): string | undefined {
  for (const key of ['client_payload', 'inputs']) {
    const obj = payload[key];
    if (obj && typeof obj === 'object') {
      const m = (obj as Record<string, unknown>).model;
      if (typeof m === 'string' && m.trim()) return m.trim();
    }
  }
  return undefined;
}

/** One listing of open issues per label for the whole fleet, made on first use. */
function sharedIssueList(input: PlanInput): CheckShared['listOpenIssues'] {
  const lists = new Map<string, Promise<IssueInfo[]>>();
  // Loaded on first use: octokit stays out of the start-up of every other run.
  let client: Promise<GitHubClient> | undefined;
  const makeClient = async (): Promise<GitHubClient> => {
    const { GitHubClient } = await import('../github/client.js');
    const run = runInfoFromEnv(input.env);
    return new GitHubClient({
      token: input.options.secrets.githubToken ?? '',
      apiUrl: run.apiUrl,
      repository: run.repository ?? '',
      logger: input.logger,
      signal: input.signal,
    });
  };
  return (label) => {
    const key = label ?? '';
    let list = lists.get(key);
    if (!list) {
      list = (client ??= makeClient()).then((c) => c.listOpenIssues(label));
      lists.set(key, list);
    }
    return list;
  };
}

/** Concurrent checks share the log: every line names its model, and no group nests another. */
function prefixed(logger: Logger, model: string): Logger {
  const p = `[${model}] `;
  return {
    info: (m) => logger.info(p + m),
    warning: (m, w) => logger.warning(p + m, w),
    error: (m, w) => logger.error(p + m, w),
    debug: (m) => logger.debug(p + m),
    group: (_name, fn) => fn(),
  };
}

function writeFleetReport(report: FleetReport, dir: string, id: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `fleet-report-${id}.json`);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(report, null, 2) + '\n');
  renameSync(tmp, path);
  return path;
}

function round(s: number): number {
  return Math.round(s * 1000) / 1000;
}
