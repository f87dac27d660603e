import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { StageContext } from '../../src/context.js';
import type { Logger } from '../../src/logger.js';
import type { TrainConfig } from '../../src/train/config.js';
import { TrainingFailed, type TrainRequest } from '../../src/train/types.js';
import { expect } from 'vitest';
import { pythonBin, repoRoot } from '../support/python.js';

export const notebooks = resolve(repoRoot, '__tests__/fixtures/notebooks');
export const papermillFixtures = resolve(repoRoot, '__tests__/fixtures/papermill');

/** A logger that keeps what it was told, for asserting on progress lines. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(m),
    warning: (m) => void lines.push(`warning: ${m}`),
    error: (m) => void lines.push(`error: ${m}`),
    debug: () => undefined,
    group: (_n, fn) => fn(),
  };
}

export interface Sandbox {
  dir: string;
  ctx: StageContext & { logger: ReturnType<typeof memoryLogger> };
  abort: AbortController;
  request(notebook: string, parameters?: Record<string, unknown>): TrainRequest;
  config(over?: Partial<TrainConfig>): TrainConfig;
  cleanup(): Promise<void>;
}

export async function sandbox(): Promise<Sandbox> {
  const dir = await mkdtemp(join(tmpdir(), 'train-test-'));
  const abort = new AbortController();
  const ctx = {
    logger: memoryLogger(),
    secrets: {},
    run: {
      runId: '42',
      runAttempt: 1,
      serverUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
    },
    root: notebooks,
    workDir: join(dir, 'work'),
    reportDir: join(dir, 'report'),
    now: () => new Date('2026-01-01T00:00:00Z'),
    signal: abort.signal,
  };
  return {
    dir,
    ctx,
    abort,
    request: (notebook, parameters = {}) => ({
      notebook,
      parameters,
      outputDir: join(dir, 'work', 'output'),
      championDir: null,
      runId: '42',
      modelName: 'demo',
      trigger: 'schedule',
    }),
    config: (over = {}) => ({
      notebook: 'train-outputs.ipynb',
      engine: 'nbclient',
      python: pythonBin(),
      parameters: {},
      gpu: false,
      ...over,
    }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Running, not a zombie left for init to reap (containers often have no reaping init). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The TrainingFailed a run ends with (the test fails if it succeeds or throws anything else). */
export async function failure(p: Promise<unknown>): Promise<TrainingFailed> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TrainingFailed);
  return e as TrainingFailed;
}
