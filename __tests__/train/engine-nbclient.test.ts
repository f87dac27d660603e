import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTraining } from '../../src/train/index.js';
import { readNotebook } from '../../src/train/notebook.js';
import { pythonBin, repoRoot } from '../support/python.js';
import { papermillFixtures, sandbox, type Sandbox, failure } from './helpers.js';

let sb: Sandbox;
beforeEach(async () => {
  sb = await sandbox();
});
afterEach(async () => {
  await sb.cleanup();
});

describe('built-in nbclient engine', () => {
  it('runs the notebook, injects parameters after the parameters cell and checks outputs', async () => {
    const res = await runTraining(
      sb.config({ parameters: { epochs: 5 } }),
      sb.request('train-outputs.ipynb'),
      sb.ctx,
    );
    expect(res.engine).toBe('nbclient');
    expect(res.metrics).toEqual({
      challenger: { auc: 0.91, loss: 0.25 },
      champion: { auc: 0.9 },
      predictions: 'predictions.csv',
    });
    expect(res.files.map((f) => f.path)).toEqual([
      'metrics.json',
      'model/weights.txt',
      'predictions.csv',
    ]);
    expect(await readFile(`${res.modelDir}/weights.txt`, 'utf8')).toBe('w=5\n');
    const nb = readNotebook(JSON.parse(await readFile(res.executedNotebook, 'utf8')));
    expect(nb.cells[1]?.tags).toEqual(['parameters']);
    expect(nb.cells[2]?.tags).toEqual(['injected-parameters']);
    expect(nb.cells[2]?.source).toBe(
      [
        '# Parameters',
        'epochs = 5',
        `output_dir = "${sb.request('x').outputDir}"`,
        'champion_dir = None',
        'run_id = "42"',
        'model_name = "demo"',
        'trigger = "schedule"',
        '',
      ].join('\n'),
    );
    expect(nb.cells.every((c) => c.status === 'completed')).toBe(true);
    expect(nb.run?.exception).toBeNull();
    expect(res.slowestCells.length).toBeGreaterThan(0);
    expect(sb.ctx.logger.lines).toContain('cell 4/7: import json, os, sys');
    expect(sb.ctx.logger.lines).toContain('training demo for 5 epochs; run 42');
    const stdout = await readFile(`${sb.ctx.workDir}/training/notebook-stdout.txt`, 'utf8');
    expect(stdout).toContain('training demo for 5 epochs');
  });

  it('reports the failing cell with an ANSI-free traceback and keeps the notebook', async () => {
    const f = await failure(runTraining(sb.config(), sb.request('fail.ipynb'), sb.ctx));
    expect(f.kind).toBe('exception');
    expect(f.cell).toMatchObject({
      executionCount: 4,
      source: "raise ValueError('boom from cell')",
      ename: 'ValueError',
      evalue: 'boom from cell',
    });
    expect(f.cell?.traceback).toContain('ValueError: boom from cell');
    expect(f.cell?.traceback).not.toContain('\u001b');
    const nb = readNotebook(JSON.parse(await readFile(f.executedNotebook as string, 'utf8')));
    expect(nb.cells.map((c) => c.tags[0] ?? c.status)).toEqual([
      'papermill-error-cell-tag',
      'parameters',
      'injected-parameters',
      'completed',
      'papermill-error-cell-tag',
      'failed',
      'pending',
      'pending',
    ]);
  });

  it('re-running an executed notebook replaces the injected cell in place and renews the markers', async () => {
    // papermill's own output of fail.ipynb, markers and injected cell included.
    const input = join(papermillFixtures, 'exception', 'executed.ipynb');
    const f = await failure(runTraining(sb.config(), sb.request(input, { x: 7 }), sb.ctx));
    const nb = readNotebook(JSON.parse(await readFile(f.executedNotebook as string, 'utf8')));
    expect(nb.cells.filter((c) => c.tags.includes('papermill-error-cell-tag'))).toHaveLength(2);
    const injected = nb.cells.filter((c) => c.tags.includes('injected-parameters'));
    expect(injected).toHaveLength(1);
    expect(injected[0]?.index).toBe(2);
    expect(injected[0]?.source.split('\n')[1]).toBe('x = 7');
    expect(f.cell?.executionCount).toBe(4);
  });

  it('without a parameters cell nothing runs: the preflight refuses, naming papermill’s behaviour and the fix', async () => {
    // (Where papermill and the engine put the parameters then, first, is tested in
    // __tests__/train/python/test_nbclient_engine.py.)
    const path = join(sb.dir, 'plain.ipynb');
    await writeFile(
      path,
      JSON.stringify({
        cells: [
          {
            cell_type: 'code',
            id: 'a',
            metadata: {},
            execution_count: null,
            outputs: [],
            source: "print('model', model_name)",
          },
        ],
        metadata: {
          kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
          language_info: { name: 'python' },
        },
        nbformat: 4,
        nbformat_minor: 5,
      }),
    );
    await expect(runTraining(sb.config(), sb.request(path), sb.ctx)).rejects.toThrow(
      /plain\.ipynb has no cell tagged "parameters"\. papermill then injects the parameters as the notebook's first cell/,
    );
    expect(sb.ctx.logger.lines).not.toContain('model demo');
    expect(existsSync(`${sb.ctx.workDir}/training/executed.ipynb`)).toBe(false);
  });

  it('shuts the kernel down without interrupting it: no "KeyboardInterrupt caught in kernel"', async () => {
    // A real ipykernel that lingers in its kernel_info handler after replying, as a kernel on a
    // loaded runner may: an interrupt sent then (jupyter_client's shutdown sends one) is logged.
    const specs = join(sb.dir, 'jupyter');
    await mkdir(join(specs, 'kernels', 'slow-reply'), { recursive: true });
    await writeFile(
      join(specs, 'kernels', 'slow-reply', 'kernel.json'),
      JSON.stringify({
        argv: [
          pythonBin(),
          join(repoRoot, '__tests__/train/python/slow_reply_kernel.py'),
          '-f',
          '{connection_file}',
        ],
        display_name: 'slow reply',
        language: 'python',
      }),
    );
    for (const [notebook, code] of [
      ['train-outputs.ipynb', 0],
      ['fail.ipynb', 1],
    ] as const) {
      const out = join(sb.dir, `out-${notebook}`);
      const r = spawnSync(
        pythonBin(),
        [
          join(repoRoot, 'src/train/python/nbclient_engine.py'),
          join(repoRoot, '__tests__/fixtures/notebooks', notebook),
          out,
          '-k',
          'slow-reply',
          '--cwd',
          sb.dir,
        ],
        { encoding: 'utf8', env: { ...process.env, JUPYTER_PATH: specs }, timeout: 120_000 },
      );
      expect(r.status, r.stderr).toBe(code);
      expect(r.stderr).toContain('Executing notebook with kernel: slow-reply');
      expect(r.stderr).not.toContain('KeyboardInterrupt');
      expect(existsSync(out)).toBe(true);
    }
  });
});
