import type { Config } from '../../src/config/types.js';
import type { StageContext } from '../../src/context.js';
import type { CheckResult, Severity } from '../../src/gate/types.js';
import type { Logger } from '../../src/logger.js';
import type { NotifyConfig } from '../../src/report/notify/config.js';
import type { RunReport } from '../../src/report/types.js';

export const REPO = 'acme/reviews-model';
export const SHA = '0123456789abcdef0123456789abcdef01234567';

/** A config as loadConfig returns it, with `report.notify` set. */
export function config(notify: NotifyConfig, onWarn: 'report' | 'issue' = 'report'): Config {
  return {
    file: '/repo/.github/model-retrain.yml',
    root: '/repo',
    model: { name: 'reviews' },
    metrics: {
      source: 'file',
      series: [{ name: 'auc' }],
      windows: { current: { duration: '1d' } },
      file: { path: 'metrics.csv' },
    },
    gate: {
      min_samples: 30,
      on_warn: onWarn,
      dry_run: false,
      checks: [{ series: 'auc', statistic: 'mean', direction: 'below', warn: 0.9, alert: 0.85 }],
    },
    train: { notebook: 'train.ipynb', engine: 'auto', parameters: {}, gpu: false },
    validate: { primary: 'auc', metrics: { auc: { direction: 'higher' } } },
    publish: { registry: 's3://models/registry', alias: 'production' },
    trigger: {},
    report: { notify } as Config['report'],
  } as unknown as Config;
}

const check = (value: number, status: Severity): CheckResult => ({
  name: 'auc-mean',
  series: 'auc',
  statistic: 'mean',
  value,
  op: '<',
  warn: 0.9,
  alert: 0.85,
  status,
  samples: { current: 1440, reference: 10080 },
});

/** A run report for the model after a check or a retrain. */
export function report(
  severity: Severity,
  extra: Partial<RunReport> = {},
  runId = '7001',
): RunReport {
  const value = severity === 'alert' ? 0.83 : severity === 'warn' ? 0.88 : 0.93;
  return {
    schema: 2,
    tool: { name: 'model-retrain-action', version: '0.1.0' },
    model: 'reviews',
    mode: 'check',
    run: runInfo(runId, 'http://127.0.0.1:9'),
    commit: '0123456789abcdef0123456789abcdef01234567',
    runUrl: `https://github.com/acme/reviews-model/actions/runs/${runId}`,
    startedAt: '2026-11-23T12:00:00.000Z',
    finishedAt: '2026-11-23T12:01:00.000Z',
    trigger: {
      kind: 'schedule',
      event: 'schedule',
      reason: 'scheduled check (cron "17 */6 * * *")',
      forced: false,
      inputs: {},
    },
    gate: {
      checks: severity === 'insufficient' ? [] : [check(value, severity)],
      severity,
      decision: severity === 'alert' ? 'retrain' : severity === 'warn' ? 'warn' : 'skip',
      reasons: [`auc-mean is ${value}`],
      forced: false,
      dryRun: false,
    },
    decision: severity === 'alert' ? 'retrain' : severity === 'warn' ? 'warn' : 'skip',
    severity,
    timings: {},
    outcome: 'checked',
    ...extra,
  };
}

/** The report of a run that promoted version `version`. */
export function published(
  version: number,
  extra: Partial<RunReport> = {},
  runId = '7001',
): RunReport {
  return report(
    'alert',
    {
      mode: 'full',
      outcome: 'published',
      publication: {
        version,
        uri: `s3://models/registry/reviews/versions/${version}/files/`,
        manifestUri: `s3://models/registry/reviews/versions/${version}/manifest.json`,
        alias: 'production',
        aliasMoved: true,
        previousVersion: version - 1,
        resumed: false,
      },
      ...extra,
    },
    runId,
  );
}

export function runInfo(runId: string, apiUrl: string) {
  return {
    runId,
    runAttempt: 1,
    repository: REPO,
    sha: SHA,
    ref: 'refs/heads/main',
    workflow: 'retrain',
    serverUrl: 'https://github.com',
    apiUrl,
    actor: 'octocat',
  };
}

/** A logger that keeps what it was told, so tests can read the warnings a user would see. */
export function recordingLogger(): Logger & { warnings: string[]; infos: string[] } {
  const warnings: string[] = [];
  const infos: string[] = [];
  return {
    warnings,
    infos,
    info: (m) => void infos.push(m),
    warning: (m) => void warnings.push(m),
    error: (m) => void warnings.push(m),
    debug: () => undefined,
    group: (_n, fn) => fn(),
  };
}

export function context(
  apiUrl: string,
  secrets: StageContext['secrets'],
  runId = '7001',
): StageContext & { logger: ReturnType<typeof recordingLogger> } {
  return {
    logger: recordingLogger(),
    secrets,
    run: runInfo(runId, apiUrl),
    root: '/repo',
    workDir: '/tmp',
    reportDir: '/tmp',
    now: () => new Date(),
    signal: new AbortController().signal,
  };
}
