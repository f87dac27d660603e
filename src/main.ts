// First: keeps a broken event file from crashing the toolkit's import (see event-guard.ts).
import { eventPath } from './event-guard.js';
// Before any SDK client exists: no Node-version notice about SDK releases the bundle does not hold.
import './quiet-sdk.js';
import * as core from '@actions/core';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readRunOptions } from './config/inputs.js';
import { UserError, errorMessage } from './errors.js';
import { execute, readEventPayload } from './execute.js';
import type { Logger } from './logger.js';
import { executePlan } from './plan/run.js';
import { rejectionFailure } from './report/fail-on-reject.js';
import { reportOutputs } from './report/outputs.js';
import { cautionBox } from './report/summary.js';
import { escapeLogLines } from './text/escape.js';
import { addBasicAuth, addSecret, redact } from './text/redact.js';

/** Every log line: secrets redacted, no line that could start a workflow command. */
const safe = (m: string): string => escapeLogLines(redact(m));
/** Registers a secret and masks its raw, base64 and URL-encoded forms in the runner's log. */
const mask = (forms: string[]): void => forms.forEach((f) => core.setSecret(f));

const logger: Logger = {
  info: (m) => core.info(safe(m)),
  warning: (m, w) => core.warning(redact(m), w ? { file: w.file, startLine: w.line } : undefined),
  error: (m, w) => core.error(redact(m), w ? { file: w.file, startLine: w.line } : undefined),
  debug: (m) => core.debug(redact(m)),
  group: (name, fn) => core.group(name, fn),
};

let summaryWritten = false;

/** The action: inputs → one pipeline run → outputs and job summary. Fails the step on anything thrown. */
export async function run(): Promise<void> {
  const controller = new AbortController();
  const onSignal = (sig: string) => {
    core.warning(
      `received ${sig}: the workflow was cancelled; stopping the notebook, nothing will be published`,
    );
    controller.abort(new Error(`cancelled by ${sig}`));
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  try {
    const options = readRunOptions(
      (name) => core.getInput(name),
      (s) => mask(addSecret(s)),
    );
    mask(addBasicAuth(options.secrets.prometheusUsername, options.secrets.prometheusPassword));
    mask(addBasicAuth('x-access-token', options.secrets.githubToken));
    for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
      mask(addSecret(process.env[name]));
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const root = resolve(workspace, core.getInput('working-directory') || '.');
    const input = {
      options,
      root,
      eventName: process.env.GITHUB_EVENT_NAME || 'workflow_dispatch',
      payload: readEventPayload(eventPath),
      logger,
      env: process.env,
      defaultReportDir: join(process.env.RUNNER_TEMP || tmpdir(), 'model-retrain'),
      signal: controller.signal,
    };
    if (options.mode === 'plan') {
      const plan = await core.group('Plan', () => executePlan(input));
      for (const [name, value] of Object.entries(plan.outputs)) core.setOutput(name, redact(value));
      await core.summary.addRaw(redact(plan.summary)).write();
      summaryWritten = true;
      if (plan.error !== undefined) throw plan.error;
      return;
    }
    const result = await execute(input);
    for (const [name, value] of Object.entries(reportOutputs(result.report)))
      core.setOutput(name, redact(value));
    await core.summary.addRaw(redact(result.summary)).write();
    summaryWritten = true;
    if (result.error !== undefined) throw result.error;
    core.info(`outcome: ${result.report.outcome}`);
    const rejected = rejectionFailure(options.failOnReject, result.report);
    if (rejected) throw new Error(rejected);
  } catch (error) {
    await fail(error);
  }
}

async function fail(error: unknown): Promise<void> {
  const message = redact(errorMessage(error));
  const where = error instanceof UserError ? error.where : undefined;
  core.error(
    message,
    where ? { file: where.file, startLine: where.line, title: 'model-retrain' } : undefined,
  );
  process.exitCode = 1;
  if (process.env.SHOW_STACK_TRACE === 'true' && error instanceof Error)
    core.info(safe(error.stack ?? ''));
  try {
    // The pipeline writes its own summary; errors before it (config, inputs) still leave one.
    if (!summaryWritten) {
      await core.summary.addRaw(`## Model retrain · failed\n\n${cautionBox(message)}\n`).write();
    }
  } catch {
    // No summary file (outside Actions): the error annotation above is enough.
  }
}
