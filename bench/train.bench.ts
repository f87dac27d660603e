/**
 * Training engine overhead and reading executed notebooks.
 *
 * train-engine: a notebook of N tiny code cells run end to end by runTraining with the built-in
 * engine (kernel start, parameter injection, a save after every cell, outputs check) against
 * nbclient's own `jupyter execute --output` (one save at the end, nothing injected). Where a
 * papermill is on PATH its time is printed too.
 *
 * train-read-notebook: parsing a large executed notebook (MB of stream output, a NaN parameter
 * so the lenient path runs) and finding failure and timings, against nbformat.reads in Python
 * (what papermill and nbclient use to load a notebook), timed inside the interpreter.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathWithVenv, pythonBin } from '../__tests__/support/python.js';
import type { StageContext } from '../src/context.js';
import { silentLogger } from '../src/logger.js';
import { which } from '../src/train/engine.js';
import { runTraining } from '../src/train/index.js';
import { failedCell, parseJsonLenient, readNotebook, slowestCells } from '../src/train/notebook.js';
import { bestOf, type Bench } from './harness.js';

const kernelspec = {
  kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
  language_info: { name: 'python' },
};

function codeCell(id: string, source: string, tags: string[] = []) {
  return {
    cell_type: 'code',
    id,
    metadata: { tags },
    execution_count: null,
    outputs: [],
    source,
  };
}

function cellsNotebook(n: number): string {
  const cells = [codeCell('p', "output_dir = 'out'", ['parameters'])];
  for (let i = 0; i < n; i++) cells.push(codeCell(`c${i}`, `x${i} = ${i}\nprint(x${i})`));
  cells.push(
    codeCell(
      'w',
      [
        'import json, os',
        "os.makedirs(os.path.join(output_dir, 'model'), exist_ok=True)",
        "open(os.path.join(output_dir, 'model', 'm.txt'), 'w').write('m')",
        "json.dump({'challenger': {'auc': 0.9}}, open(os.path.join(output_dir, 'metrics.json'), 'w'))",
      ].join('\n'),
    ),
  );
  return JSON.stringify({ cells, metadata: kernelspec, nbformat: 4, nbformat_minor: 5 });
}

function ctxFor(dir: string): StageContext {
  return {
    logger: silentLogger,
    secrets: {},
    run: { runId: 'bench', runAttempt: 1, serverUrl: '', apiUrl: '' },
    root: dir,
    workDir: join(dir, 'work'),
    reportDir: join(dir, 'report'),
    now: () => new Date(),
    signal: new AbortController().signal,
  };
}

function timed(command: string, args: string[], cwd: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(command, args, {
    cwd,
    env: { ...process.env, PATH: pathWithVenv() },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr.slice(-2000)}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const engineBench: Bench = {
  name: 'train-engine',
  sizes: [20, 200],
  async run(size) {
    const n = Number(size);
    const dir = await mkdtemp(join(tmpdir(), 'train-bench-'));
    try {
      await writeFile(join(dir, 'nb.ipynb'), cellsNotebook(n));
      const ctx = ctxFor(dir);
      const config = {
        notebook: 'nb.ipynb',
        engine: 'nbclient' as const,
        python: pythonBin(),
        parameters: {},
        gpu: false,
      };
      const request = {
        notebook: 'nb.ipynb',
        parameters: {},
        outputDir: join(dir, 'work', 'output'),
        championDir: null,
        runId: 'bench',
        modelName: 'bench',
        trigger: 'bench',
      };
      const ours = await bestOf(2, () => runTraining(config, request, ctx));
      const jupyterExecute = which('jupyter-execute', pathWithVenv());
      const peer = jupyterExecute
        ? await bestOf(2, () => timed(jupyterExecute, ['--output=peer-out', 'nb.ipynb'], dir))
        : null;
      const papermill = which('papermill', pathWithVenv());
      const papermillS = papermill
        ? await bestOf(2, () =>
            timed(
              papermill,
              [
                'nb.ipynb',
                'pm-out.ipynb',
                '-p',
                'output_dir',
                join(dir, 'pm'),
                '--no-progress-bar',
              ],
              dir,
            ),
          )
        : null;
      return {
        ours_s: ours,
        peer: jupyterExecute ? 'jupyter execute (nbclient 0.11)' : null,
        peer_s: peer,
        extra: { cells: n + 2, papermill_s: papermillS },
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

function bigNotebook(mb: number): string {
  const line = 'epoch 12/100 - loss: 0.123456 - val_loss: 0.234567 - auc: 0.912345\n';
  const perCell = Math.ceil((mb * 1024 * 1024) / 200 / line.length);
  const cells = [];
  for (let i = 0; i < 200; i++) {
    cells.push({
      cell_type: 'code',
      id: `c${i}`,
      execution_count: i + 1,
      metadata: {
        tags: [],
        papermill: { duration: (i % 17) * 0.37, status: 'completed', exception: false },
      },
      outputs: [{ output_type: 'stream', name: 'stdout', text: line.repeat(perCell) }],
      source: `fit(epoch=${i})`,
    });
  }
  const doc = JSON.stringify({
    cells,
    metadata: { ...kernelspec, papermill: { parameters: { lr: 0.1, bad: '@NAN@' } } },
    nbformat: 4,
    nbformat_minor: 5,
  });
  return doc.replace('"@NAN@"', 'NaN');
}

const readBench: Bench = {
  name: 'train-read-notebook',
  sizes: [10, 100],
  async run(size) {
    const mb = Number(size);
    const dir = await mkdtemp(join(tmpdir(), 'train-read-'));
    try {
      const path = join(dir, 'executed.ipynb');
      await writeFile(path, bigNotebook(mb));
      const ours = await bestOf(3, async () => {
        const nb = readNotebook(parseJsonLenient(await readFile(path, 'utf8')));
        failedCell(nb);
        slowestCells(nb);
      });
      const script = [
        'import sys, time, nbformat',
        'best = 1e9',
        'for _ in range(3):',
        '    t = time.perf_counter()',
        "    nbformat.reads(open(sys.argv[1], encoding='utf-8').read(), as_version=4)",
        '    best = min(best, time.perf_counter() - t)',
        'print(best)',
      ].join('\n');
      const r = spawnSync(pythonBin(), ['-c', script, path], { encoding: 'utf8' });
      const peer = r.status === 0 ? Number(r.stdout.trim()) : null;
      return {
        ours_s: ours,
        peer: 'nbformat.reads (Python)',
        peer_s: peer,
        extra: { notebook_mb: mb },
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export const benches: Bench[] = [engineBench, readBench];
