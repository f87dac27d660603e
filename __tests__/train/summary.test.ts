import { describe, expect, it } from 'vitest';
import { formatBytes, formatSeconds, renderTrainingMarkdown } from '../../src/train/summary.js';
import { TrainingFailed, type TrainResult } from '../../src/train/types.js';

const result: TrainResult = {
  engine: 'nbclient',
  executedNotebook: '/report/training/executed.ipynb',
  outputDir: '/work/output',
  modelDir: '/work/output/model',
  metrics: { challenger: { auc: 0.912345678, loss: 0.25 } },
  files: [
    { path: 'metrics.json', size: 61 },
    { path: 'model/weights.bin', size: 3 * 1024 * 1024 },
  ],
  durationS: 125.4,
  slowestCells: [
    { index: 4, executionCount: 3, durationS: 100.25, firstLine: 'model.fit(x | y)' },
    { index: 2, executionCount: 1, durationS: 0.5, firstLine: 'import `x`' },
  ],
  gpu: [{ name: 'NVIDIA H100 80GB HBM3', memoryMiB: 81559 }],
};

describe('renderTrainingMarkdown', () => {
  it('a successful run: engine, duration, GPU, slowest cells, files', () => {
    expect(renderTrainingMarkdown(result)).toBe(
      [
        '### Training',
        '',
        '| | |',
        '| --- | --- |',
        '| Engine | nbclient |',
        '| Duration | 2 min 5 s |',
        '| GPU | NVIDIA H100 80GB HBM3 (79.6 GiB) |',
        '| Executed notebook | `/report/training/executed.ipynb` |',
        '| Challenger metrics | auc = 0.912346, loss = 0.25 |',
        '',
        '**Slowest cells**',
        '',
        '| Cell | Seconds | First line |',
        '| --- | ---: | --- |',
        '| 4 (In [3]) | 100.25 | `model.fit(x \\| y)` |',
        "| 2 (In [1]) | 0.50 | `import 'x'` |",
        '',
        '**Files**',
        '',
        '| File | Size |',
        '| --- | ---: |',
        '| `metrics.json` | 61 B |',
        '| `model/weights.bin` | 3.0 MiB |',
        '',
      ].join('\n'),
    );
  });

  it('a failure: the failing cell, the error, the traceback without ANSI, where the notebook is', () => {
    const f = new TrainingFailed(
      'The notebook failed in cell In [4]',
      'exception',
      '/r/executed.ipynb',
      {
        index: 5,
        executionCount: 4,
        source: "s = '```'\nraise ValueError('boom')",
        ename: 'ValueError',
        evalue: 'boom',
        traceback: '\u001b[0;31mValueError\u001b[0m: boom',
      },
    );
    const md = renderTrainingMarkdown(undefined, f);
    expect(md).toBe(
      [
        '### Training failed (exception)',
        '',
        'The notebook failed in cell In \\[4\\]',
        '',
        '**Failing cell** In [4] (cell 5 of the executed notebook):',
        '',
        '````python',
        "s = '```'",
        "raise ValueError('boom')",
        '````',
        '',
        '**Error:** `ValueError: boom`',
        '',
        '<details><summary>Traceback</summary>',
        '',
        '```text',
        'ValueError: boom',
        '```',
        '',
        '</details>',
        '',
        'The executed notebook is kept at `/r/executed.ipynb`.',
        '',
      ].join('\n'),
    );
  });

  it('a failure without a cell or a notebook says so', () => {
    const md = renderTrainingMarkdown(
      undefined,
      new TrainingFailed('engine broke <x>', 'engine', null),
    );
    expect(md).toContain('engine broke &lt;x&gt;');
    expect(md).toContain('No executed notebook was written.');
    expect(md).not.toContain('Failing cell');
  });

  it.each([
    [0.04, '0.0 s'],
    [59.94, '59.9 s'],
    [61, '1 min 1 s'],
    [3725, '1 h 2 min'],
  ])('formatSeconds(%d)', (s, text) => {
    expect(formatSeconds(s)).toBe(text);
  });

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KiB'],
    [5 * 1024 ** 3, '5.0 GiB'],
  ])('formatBytes(%d)', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });
});
