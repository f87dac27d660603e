import { parseDuration } from '../config/duration.js';
import type { StageContext } from '../context.js';
import { escapeCodeBlock, escapeInline, escapeLogText } from '../text/escape.js';
import type { TrainConfig } from '../train/config.js';
import { engineEnv, pythonFor } from '../train/engine.js';
import { runSupervised } from '../train/process.js';
import type { TrainResult } from '../train/types.js';
import type { SmokeConfig } from './smoke-config.js';
import type { SmokeResult, Verdict } from './types.js';

export type { SmokeResult } from './types.js';

const OUTPUT_LINES = 60;
const DEFAULT_TIMEOUT = '5m';
const GRACE_MS = 5_000;

/** Runs the smoke command against the challenger's model folder. */
export async function runSmoke(
  smoke: SmokeConfig,
  train: Pick<TrainResult, 'modelDir' | 'outputDir'>,
  trainConfig: Pick<TrainConfig, 'python' | 'env'>,
  ctx: Pick<StageContext, 'root' | 'logger' | 'signal' | 'secrets'>,
): Promise<SmokeResult> {
  const shown = Array.isArray(smoke.command) ? smoke.command.join(' ') : smoke.command;
  const [command, args] = Array.isArray(smoke.command)
    ? [smoke.command[0] as string, smoke.command.slice(1)]
    : ['/bin/sh', ['-c', smoke.command]];
  const timeoutMs = parseDuration(smoke.timeout ?? DEFAULT_TIMEOUT, 'validate.smoke.timeout');
  const secrets = Object.values(ctx.secrets ?? {}).filter(
    (v): v is string => typeof v === 'string',
  );
  // The notebook's rules: no input, token or secret unless train.env names it.
  const env = {
    ...engineEnv(process.env, trainConfig.env ?? [], secrets),
    MODEL_DIR: train.modelDir,
    OUTPUT_DIR: train.outputDir,
    PYTHON: pythonFor(trainConfig, process.env),
  };
  ctx.logger.info(`smoke check: ${escapeLogText(shown)} (MODEL_DIR=${train.modelDir})`);
  const lines: string[] = [];
  const end = await runSupervised({
    command,
    args,
    env,
    cwd: ctx.root,
    timeoutMs,
    signal: ctx.signal,
    graceMs: GRACE_MS,
    onLine: (_stream, line) => {
      lines.push(line);
      if (lines.length > OUTPUT_LINES * 4) lines.splice(0, lines.length - OUTPUT_LINES);
      ctx.logger.info(escapeLogText(line));
    },
  });
  const output = lines.slice(-OUTPUT_LINES).join('\n');
  const durationS = Math.round(end.durationMs) / 1000;
  const base = { command: shown, exitCode: end.code, signal: end.signal, durationS, output };
  if (end.spawnError) {
    return {
      ...base,
      passed: false,
      timedOut: false,
      reason: `could not start ${command} (${end.spawnError.code ?? end.spawnError.message}); check validate.smoke.command`,
    };
  }
  if (end.stoppedBy === 'timeout') {
    return {
      ...base,
      passed: false,
      timedOut: true,
      reason: `did not finish within ${String(smoke.timeout ?? DEFAULT_TIMEOUT)} (validate.smoke.timeout)`,
    };
  }
  if (end.stoppedBy === 'cancelled') {
    return { ...base, passed: false, timedOut: false, reason: 'cancelled' };
  }
  if (end.code !== 0) {
    return {
      ...base,
      passed: false,
      timedOut: false,
      reason: end.signal ? `killed by ${end.signal}` : `exited with code ${end.code}`,
    };
  }
  return { ...base, passed: true, timedOut: false, reason: `passed in ${durationS.toFixed(1)} s` };
}

/**
 * The verdict with the smoke check as one more rule. A failure rejects in every mode (also
 * dry_run and shadow): the metrics may be advisory, a model that cannot be served is not.
 */
export function applySmoke(verdict: Verdict, smoke: SmokeResult): Verdict {
  const rule = {
    rule: 'smoke',
    metric: 'model',
    passed: smoke.passed,
    detail: `${smoke.command}: ${smoke.reason}`,
  };
  const out: Verdict = { ...verdict, rules: [...verdict.rules, rule] };
  if (smoke.passed) return out;
  return {
    ...out,
    status: 'reject',
    reason: `smoke check failed: ${smoke.reason} (${smoke.command})`,
    advisory: false,
    moveAlias: false,
    notes: [
      ...(verdict.notes ?? []),
      'The smoke check (validate.smoke) failed: the challenger is rejected in every validate mode.',
    ],
  };
}

/** The summary's section: the command, the result and its output (escaped: it is outside text). */
export function renderSmokeMarkdown(smoke: SmokeResult): string {
  const head = smoke.passed ? '### Smoke check: ✅ passed' : '### Smoke check: ❌ failed';
  const lines = [
    head,
    '',
    `Command: ${escapeInline(smoke.command)} · ${escapeInline(smoke.reason)}${smoke.passed ? '' : ` after ${smoke.durationS.toFixed(1)} s`}`,
  ];
  if (smoke.output.trim()) {
    lines.push(
      '',
      `<details${smoke.passed ? '' : ' open'}><summary>Output (last lines)</summary>`,
      '',
      escapeCodeBlock(smoke.output),
      '',
      '</details>',
    );
  }
  return lines.join('\n');
}
