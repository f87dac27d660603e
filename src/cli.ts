#!/usr/bin/env node
/**
 * The same pipeline outside GitHub Actions: local runs, the demo, other CI systems.
 *   model-retrain [--config FILE] [--mode check|retrain|full|rollback] [--force] [--dry-run]
 *                 [--fail-on-reject]
 *                 [--reason TEXT] [--rollback-to N] [--event NAME --payload FILE]
 *                 [--root DIR] [--report-dir DIR] [--json]
 *   model-retrain --mode plan --configs GLOB|FLEET_FILE [--keep-going]   check a fleet at once
 *   model-retrain verify VERSION [--config FILE]        re-download and re-hash a version
 *   model-retrain versions [--config FILE]              list the published versions
 *   model-retrain cleanup [--grace 24h] [--dry-run]     remove claims left by crashed runs
 *   model-retrain init [--source …] [--registry …] [--gpu]  write a starter into a repository
 * Secrets come from the environment: GITHUB_TOKEN, DATADOG_API_KEY, DATADOG_APP_KEY,
 * PROMETHEUS_USERNAME, PROMETHEUS_PASSWORD, PROMETHEUS_TOKEN, MODEL_RETRAIN_WEBHOOK_SECRET.
 */
// First: keeps a broken GITHUB_EVENT_PATH from crashing the toolkit's import (event-guard.ts).
import './event-guard.js';
// Before any SDK client exists: no Node-version notice about SDK releases the bundle does not hold.
import './quiet-sdk.js';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDuration } from './config/duration.js';
import { readRunOptions } from './config/inputs.js';
import { loadConfig } from './config/load.js';
import { runInfoFromEnv, type StageContext } from './context.js';
import { cleanupOrphans, openRegistry, verifyVersion } from './registry/index.js';
import { configSchema } from './config/schema.js';
import { UserError, errorMessage } from './errors.js';
import { execute, readEventPayload } from './execute.js';
import type { Logger } from './logger.js';
import { rejectionFailure } from './report/fail-on-reject.js';
import { reportOutputs } from './report/outputs.js';
import { writeSummaryFile } from './report/write.js';
import { executePlan, type PlanInput } from './plan/run.js';
import { writeFileSync } from 'node:fs';
import { TOOL } from './version.js';
import { escapeLogLines } from './text/escape.js';
import { addBasicAuth, addSecret, redact as redactSecrets } from './text/redact.js';
import { USAGE, flagError, isFlagError, suggestion } from './cli/usage.js';
import { listVersions, missingVersionHint } from './cli/versions.js';

const ENV_SECRETS: Record<string, string> = {
  'github-token': 'GITHUB_TOKEN',
  'datadog-api-key': 'DATADOG_API_KEY',
  'datadog-app-key': 'DATADOG_APP_KEY',
  'prometheus-username': 'PROMETHEUS_USERNAME',
  'prometheus-password': 'PROMETHEUS_PASSWORD',
  'prometheus-token': 'PROMETHEUS_TOKEN',
  'webhook-secret': 'MODEL_RETRAIN_WEBHOOK_SECRET',
};

/** Logs go to stdout, or to stderr when stdout is reserved for JSON (--json). */
function consoleLogger(toStderr = false): Logger {
  const out = toStderr ? console.error : console.log;
  // Secrets redacted in every form; no line of outside text can start a workflow command
  // (the CLI may run inside a GitHub Actions `run:` step).
  const redact = (m: string) => escapeLogLines(redactSecrets(m));
  const logger: Logger & { mask(s: string): void } = {
    mask: (s) => void addSecret(s),
    info: (m) => out(redact(m)),
    warning: (m, w) =>
      console.warn(
        `warning: ${w?.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''}${redact(m)}`,
      ),
    error: (m, w) =>
      console.error(
        `error: ${w?.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''}${redact(m)}`,
      ),
    debug: (m) => {
      if (process.env.MODEL_RETRAIN_DEBUG) out(`debug: ${redact(m)}`);
    },
    group: async (name, fn) => {
      out(`\n▶ ${name}`);
      return fn();
    },
  };
  return logger;
}

const OPTIONS = {
  grace: { type: 'string', default: '24h' },
  config: { type: 'string', default: '.github/model-retrain.yml' },
  mode: { type: 'string', default: 'full' },
  force: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  'fail-on-reject': { type: 'boolean', default: false },
  reason: { type: 'string' },
  'rollback-to': { type: 'string' },
  'gate-decision': { type: 'string' },
  'gate-verdict': { type: 'string' },
  configs: { type: 'string' },
  'keep-going': { type: 'boolean', default: false },
  event: { type: 'string', default: 'workflow_dispatch' },
  payload: { type: 'string' },
  root: { type: 'string', default: '.' },
  'report-dir': { type: 'string', default: '.model-retrain' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  'print-schema': { type: 'boolean', default: false },
  version: { type: 'boolean', short: 'V', default: false },
} as const;

const COMMANDS = ['verify', 'versions', 'cleanup', 'init'] as const;

function parseMain(argv: string[]) {
  return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS, strict: true });
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'init') return (await import('./init/command.js')).initCommand(argv.slice(1));
  let parsed: ReturnType<typeof parseMain>;
  try {
    parsed = parseMain(argv);
  } catch (error) {
    if (!isFlagError(error)) throw error;
    console.error(
      escapeLogLines(redactSecrets(flagError(error, [...Object.keys(OPTIONS), 'help'], USAGE))),
    );
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    console.log(TOOL.version);
    return 0;
  }
  if (values['print-schema']) {
    console.log(JSON.stringify(configSchema, null, 2));
    return 0;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const logger = consoleLogger(values.json) as Logger & { mask(s: string): void };
  const command = positionals[0];
  if (command === 'verify' || command === 'versions' || command === 'cleanup') {
    try {
      return await registryCommand(command, positionals.slice(1), values, logger);
    } catch (error) {
      logger.error(errorMessage(error));
      return 1;
    }
  }
  if (command !== undefined) {
    console.error(
      escapeLogLines(
        redactSecrets(
          `error: unknown command "${command}"${suggestion(command, COMMANDS)} (commands: ${COMMANDS.join(', ')}; the pipeline takes options only)\n${USAGE}`,
        ),
      ),
    );
    return 2;
  }
  const flags: Record<string, string> = {
    mode: values.mode ?? 'full',
    config: values.config ?? '',
    force: String(values.force),
    'dry-run': String(values['dry-run']),
    'fail-on-reject': String(values['fail-on-reject']),
    reason: values.reason ?? '',
    'rollback-to': values['rollback-to'] ?? '',
    'gate-decision': values['gate-decision'] ?? '',
    'gate-verdict': values['gate-verdict'] ?? '',
    configs: values.configs ?? '',
    'keep-going': String(values['keep-going']),
  };
  const get = (name: string) =>
    flags[name] ?? (ENV_SECRETS[name] ? (process.env[ENV_SECRETS[name]] ?? '') : '');
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort(new Error('cancelled by SIGINT')));
  process.once('SIGTERM', () => controller.abort(new Error('cancelled by SIGTERM')));
  try {
    const options = readRunOptions(get, (s) => logger.mask(s));
    addBasicAuth(options.secrets.prometheusUsername, options.secrets.prometheusPassword);
    addBasicAuth('x-access-token', options.secrets.githubToken);
    for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) addSecret(process.env[name]);
    const root = resolve(values.root ?? '.');
    const input = {
      options,
      root,
      eventName: values.event ?? 'workflow_dispatch',
      payload: values.payload ? readEventPayload(resolve(values.payload)) : { inputs: {} },
      logger,
      env: { ...process.env, GITHUB_EVENT_NAME: values.event },
      defaultReportDir: values['report-dir'] ?? '.model-retrain',
      signal: controller.signal,
    };
    if (options.mode === 'plan') return await planCommand(input, Boolean(values.json));
    const result = await execute(input);
    const summaryPath = writeSummaryFile(
      result.summary,
      result.report.path ? resolve(result.report.path, '..') : root,
      result.report,
    );
    const outputs = reportOutputs(result.report);
    if (values.json) console.log(redactSecrets(JSON.stringify(outputs)));
    else {
      console.log('');
      for (const [k, v] of Object.entries(outputs))
        if (v) console.log(escapeLogLines(redactSecrets(`${k}: ${v}`)));
      console.log(`summary: ${summaryPath}`);
    }
    if (result.error !== undefined) {
      logger.error(errorMessage(result.error));
      return 1;
    }
    const rejected = rejectionFailure(options.failOnReject, result.report);
    if (rejected) {
      logger.error(rejected);
      return 1;
    }
    return 0;
  } catch (error) {
    // A UserError's message already starts with file:line where it has one.
    logger.error(errorMessage(error));
    return 1;
  }
}

/** --mode plan: the fleet's outputs on stdout, its summary next to the fleet report. */
async function planCommand(input: PlanInput, json: boolean): Promise<number> {
  const plan = await executePlan(input);
  const summaryPath = plan.path.replace(/\.json$/, '.md');
  writeFileSync(summaryPath, plan.summary);
  if (json) console.log(JSON.stringify(plan.outputs));
  else {
    console.log('');
    for (const [k, v] of Object.entries(plan.outputs)) console.log(`${k}: ${v}`);
    console.log(`summary: ${summaryPath}`);
  }
  if (plan.error !== undefined) {
    input.logger.error(errorMessage(plan.error));
    return 1;
  }
  return 0;
}

/** verify VERSION | cleanup: registry maintenance with the config's publish settings. */
async function registryCommand(
  command: 'verify' | 'versions' | 'cleanup',
  args: string[],
  values: { config?: string; root?: string; grace?: string; 'dry-run'?: boolean; json?: boolean },
  logger: Logger,
): Promise<number> {
  const root = resolve(values.root ?? '.');
  const config = loadConfig(values.config ?? '.github/model-retrain.yml', root);
  const ctx: StageContext = {
    logger,
    secrets: {},
    run: runInfoFromEnv(process.env),
    root,
    workDir: root,
    reportDir: root,
    now: () => new Date(),
    signal: new AbortController().signal,
  };
  const registry = openRegistry(config.publish, config.model.name, ctx);
  try {
    if (command === 'verify') {
      const version = Number(args[0]);
      if (!Number.isInteger(version) || version < 1) {
        throw new UserError(
          'verify: give the version number to check, e.g. `model-retrain verify 3`',
        );
      }
      const report = await verifyVersion(registry, version).catch(async (error: unknown) => {
        throw await missingVersionHint(registry, version, error);
      });
      if (values.json) console.log(JSON.stringify(report));
      else {
        console.log(
          `version ${version}: ${report.files} file(s), ${report.bytes} bytes, ${report.ok ? 'all digests match' : 'PROBLEMS'}`,
        );
        for (const p of report.problems) console.log(`  - ${p}`);
      }
      return report.ok ? 0 : 1;
    }
    if (command === 'versions') return await listVersions(registry, config.publish.alias, values);
    const graceMs = parseDuration(values.grace ?? '24h', '--grace');
    const orphans = await cleanupOrphans(registry, { graceMs, dryRun: values['dry-run'] });
    if (values.json) console.log(JSON.stringify(orphans));
    else if (orphans.length === 0) console.log('no orphaned claims');
    else {
      for (const o of orphans) {
        console.log(
          `${values['dry-run'] ? 'would remove' : 'removed'} version ${o.version} (claimed ${o.claimedAt ?? '?'} by ${o.runKey ?? '?'}, ${o.keys.length} object(s))`,
        );
      }
    }
    return 0;
  } finally {
    await registry.close?.();
  }
}

const HELP = `model-retrain: gate on drift, retrain with a notebook, validate, publish.

Usage:
  model-retrain [options]            run the pipeline
  model-retrain verify VERSION       re-download a version and re-hash every file
  model-retrain versions             list the published versions and the one the alias serves
  model-retrain cleanup              remove claims left by crashed runs (--grace 24h, --dry-run)
  model-retrain init [options]       write a starter config, workflow and notebook (init --help)

Options:
  --config FILE        config file (default .github/model-retrain.yml)
  --mode MODE          check | retrain | full | rollback | plan (default full)
  --configs GLOB       with --mode plan: model configs (default .github/models/*.yml), or a
                       fleet file; with --mode retrain: the fleet file whose defaults apply
  --keep-going         with --mode plan: report invalid configs and failed checks, do not fail
  --force              retrain whatever the gate says
  --dry-run            evaluate and report, never train or publish
  --fail-on-reject     exit 1 when the challenger is rejected or superseded
  --reason TEXT        reason recorded in the report
  --rollback-to N      with --mode rollback: the version to serve
  --gate-decision D    with --mode retrain: decision of an earlier check run
  --gate-verdict JSON  with --mode retrain: the gate-verdict output of an earlier check run
                       (decision, severity and why: this run reports them)
  --event NAME         GitHub event name to simulate (default workflow_dispatch)
  --payload FILE       event payload JSON
  --root DIR           repository root (default .)
  --report-dir DIR     where reports go (default .model-retrain)
  --json               print only the outputs, as one JSON object, on stdout (logs go to stderr)
  --print-schema       print the config file's JSON Schema
  --grace DURATION     cleanup: only claims older than this (default 24h)
  --version            print the version`;

/** Anything main did not catch: one line, secrets redacted, never a stack trace. */
function lastResort(error: unknown): number {
  console.error(`error: ${escapeLogLines(redactSecrets(errorMessage(error)))}`);
  return 1;
}

process.exitCode = await main(process.argv.slice(2)).catch(lastResort);
setTimeout(() => process.exit(), 10_000).unref();
