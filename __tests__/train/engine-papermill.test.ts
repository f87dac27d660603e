/**
 * The papermill engine end to end. Runs only where a real `papermill` is on PATH (it is not
 * installable in every test environment); the output format itself is covered against
 * recorded papermill notebooks in papermill-output.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { which } from '../../src/train/engine.js';
import { runTraining } from '../../src/train/index.js';
import { readNotebook } from '../../src/train/notebook.js';
import { TrainingFailed } from '../../src/train/types.js';
import { pathWithVenv } from '../support/python.js';
import { sandbox, type Sandbox } from './helpers.js';

const papermill = which('papermill', pathWithVenv());

describe.skipIf(!papermill)('papermill engine (real papermill on PATH)', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await sandbox();
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  it('auto picks papermill; the run injects parameters and passes the outputs check', async () => {
    const res = await runTraining(
      sb.config({ engine: 'auto', parameters: { epochs: 4 } }),
      sb.request('train-outputs.ipynb'),
      sb.ctx,
    );
    expect(res.engine).toBe('papermill');
    expect(await readFile(`${res.modelDir}/weights.txt`, 'utf8')).toBe('w=4\n');
    const nb = readNotebook(JSON.parse(await readFile(res.executedNotebook, 'utf8')));
    expect(nb.run?.version).toMatch(/^\d+\.\d+/);
    expect(nb.cells[2]?.source.split('\n').slice(0, 2)).toEqual(['# Parameters', 'epochs = 4']);
    expect(sb.ctx.logger.lines).toContain('cell 4/7: import json, os, sys');
  });

  it('a failing cell is reported like the built-in engine reports it', async () => {
    const e = await runTraining(
      sb.config({ engine: 'papermill', python: undefined }),
      sb.request('fail.ipynb'),
      sb.ctx,
    ).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TrainingFailed);
    expect(e).toMatchObject({
      kind: 'exception',
      cell: { index: 5, executionCount: 4, ename: 'ValueError', evalue: 'boom from cell' },
    });
  });
});
