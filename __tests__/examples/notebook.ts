import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { StageContext } from '../../src/context.js';
import { silentLogger } from '../../src/logger.js';
import { runTraining } from '../../src/train/index.js';
import { TrainingFailed, type TrainResult } from '../../src/train/types.js';
import { pythonBin, repoRoot } from '../support/python.js';

/**
 * Runs an example notebook through the action's training stage (the built-in nbclient
 * engine, the venv's python3 kernel), as the pipeline does, writing into `outputDir`.
 */
export async function train(
  notebook: string,
  outputDir: string,
  parameters: Record<string, unknown>,
  championDir: string | null = null,
  runId = 'test-run',
): Promise<TrainResult> {
  const work = mkdtempSync(`${outputDir}-work-`);
  const ctx: StageContext = {
    logger: silentLogger,
    secrets: {},
    run: { runId, runAttempt: 1, serverUrl: 'https://github.com', apiUrl: '' },
    root: repoRoot,
    workDir: join(work, 'work'),
    reportDir: join(work, 'report'),
    now: () => new Date(),
    signal: new AbortController().signal,
  };
  return runTraining(
    {
      notebook,
      engine: 'nbclient',
      python: pythonBin(),
      kernel: 'python3',
      parameters,
      gpu: false,
    },
    {
      notebook,
      parameters: {},
      outputDir,
      championDir,
      runId,
      modelName: 'reviews',
      trigger: 'manual',
    },
    ctx,
  );
}

/** The TrainingFailed a run ends with (fails the test when it succeeds or throws otherwise). */
export async function trainingFailure(run: Promise<unknown>): Promise<TrainingFailed> {
  const e = await run.then(
    () => new Error('expected the training run to fail'),
    (err: unknown) => err,
  );
  if (!(e instanceof TrainingFailed)) throw e;
  return e;
}
