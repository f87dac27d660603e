import { describe, expect, it } from 'vitest';
import { classifyEnd, lastError } from '../../src/train/classify.js';
import { parseNvidiaSmi } from '../../src/train/gpu.js';
import { relayLine } from '../../src/train/index.js';
import {
  failedCell,
  firstLine,
  parseJsonLenient,
  plannedCells,
  readNotebook,
  slowestCells,
  stripAnsi,
} from '../../src/train/notebook.js';
import { metricsProblem } from '../../src/train/outputs.js';

describe('parseJsonLenient', () => {
  it.each([
    ['{"a": NaN}', { a: NaN }],
    ['{"a": [Infinity, -Infinity, 1]}', { a: [Infinity, -Infinity, 1] }],
    ['{"s": "NaN Infinity -Infinity", "n": NaN}', { s: 'NaN Infinity -Infinity', n: NaN }],
    ['{"s": "quote \\" NaN", "n": -Infinity}', { s: 'quote " NaN', n: -Infinity }],
    ['{"s": "ends in a backslash \\\\", "n": NaN}', { s: 'ends in a backslash \\', n: NaN }],
    ['{"plain": 1}', { plain: 1 }],
  ])('%s', (text, value) => {
    expect(parseJsonLenient(text)).toEqual(value);
  });

  it('still rejects text that is not JSON', () => {
    expect(() => parseJsonLenient('{"a": nan}')).toThrow();
    expect(() => parseJsonLenient('{oops')).toThrow();
  });
});

describe('stripAnsi', () => {
  it.each([
    ['\u001b[0;31mValueError\u001b[0m: boom', 'ValueError: boom'],
    ['\u001b[1;32m----> 1\u001b[39m x', '----> 1 x'],
    ['\u001b[K\u001b[m plain', ' plain'],
    ['no codes', 'no codes'],
  ])('%j', (input, out) => {
    expect(stripAnsi(input)).toBe(out);
  });
});

const cell = (over: Record<string, unknown>) => ({
  cell_type: 'code',
  source: '',
  metadata: {},
  outputs: [],
  execution_count: null,
  ...over,
});
const err = (ename: string, evalue: string) => ({
  output_type: 'error',
  ename,
  evalue,
  traceback: [`\u001b[31m${ename}\u001b[0m: ${evalue}`],
});

describe('failedCell (papermill rules)', () => {
  it.each([
    ['no errors', [cell({})], null],
    ['one error', [cell({}), cell({ source: 'raise X', outputs: [err('X', 'x')] })], 1],
    [
      'the last error wins (raises-exception cells)',
      [cell({ outputs: [err('KeyError', 'k')] }), cell({ outputs: [err('TypeError', 't')] })],
      1,
    ],
    ['a clean SystemExit is not a failure', [cell({ outputs: [err('SystemExit', '0')] })], null],
    ['SystemExit(1) is', [cell({ outputs: [err('SystemExit', '1')] })], 0],
    [
      'exception:true without an error output',
      [cell({ metadata: { papermill: { exception: true, status: 'failed' } } })],
      0,
    ],
  ])('%s', (_name, cells, index) => {
    const f = failedCell(readNotebook({ cells }));
    if (index === null) expect(f).toBeNull();
    else {
      expect(f?.index).toBe(index);
      expect(f?.traceback).not.toContain('\u001b');
    }
  });
});

describe('plannedCells: where the injected cell will go', () => {
  const md = (source: string, tags: string[] = []) => ({
    cell_type: 'markdown',
    source,
    metadata: { tags },
  });
  const code = (source: string, tags: string[] = []) => cell({ source, metadata: { tags } });
  it.each([
    [
      'after the parameters cell',
      [md('# T'), code('a = 1', ['parameters']), code('b')],
      ['# T', 'a = 1', '# Parameters', 'b'],
    ],
    ['at the top without one', [code('a'), code('b')], ['# Parameters', 'a', 'b']],
    [
      'in place of an earlier injected cell, markers dropped',
      [
        md('err', ['papermill-error-cell-tag']),
        code('a', ['parameters']),
        code('# Parameters\nold', ['injected-parameters']),
        code('b'),
      ],
      ['a', '# Parameters', 'b'],
    ],
  ])('%s', (_n, cells, planned) => {
    expect(plannedCells(readNotebook({ cells }))).toEqual(planned);
  });
});

describe('timings', () => {
  it('slowest code cells first, cells that never ran left out', () => {
    const nb = readNotebook({
      cells: [
        cell({ source: 'fast()', execution_count: 1, metadata: { papermill: { duration: 0.1 } } }),
        { cell_type: 'markdown', source: 'x', metadata: { papermill: { duration: 9 } } },
        cell({
          source: '\n  slow()  \nmore',
          execution_count: 2,
          metadata: { papermill: { duration: 3.5 } },
        }),
        cell({ source: 'never()', metadata: { papermill: { duration: null } } }),
      ],
    });
    expect(slowestCells(nb)).toEqual([
      { index: 2, executionCount: 2, durationS: 3.5, firstLine: 'slow()' },
      { index: 0, executionCount: 1, durationS: 0.1, firstLine: 'fast()' },
    ]);
  });

  it('firstLine shortens long lines', () => {
    expect(firstLine('x'.repeat(100), 10)).toBe('xxxxxxxxx…');
  });
});

describe('metricsProblem', () => {
  it.each([
    [{ challenger: { auc: 0.9 } }, null],
    [{ challenger: { auc: 0.9, 'f1@0.5': 1 }, champion: { auc: 0.8 }, predictions: 'p.csv' }, null],
    [{}, /\(top level\) must have required property 'challenger'/],
    [{ challenger: {} }, /challenger must name at least one metric/],
    [{ challenger: [0.9] }, /challenger must be object/],
    [{ challenger: { auc: '0.9' } }, /challenger\.auc must be a number, got "0\.9"/],
    [{ challenger: { auc: true } }, /challenger\.auc must be a number, got true/],
    [{ challenger: { auc: NaN } }, /challenger\.auc is NaN, not a finite number/],
    [{ challenger: { auc: 1 }, champion: { auc: -Infinity } }, /champion\.auc is -Infinity/],
    [{ challenger: { auc: 1 }, predictions: 3 }, /predictions must be string/],
    [{ challenger: { auc: 1 }, challanger: {} }, /unknown key "challanger"/],
    [[1], /must be object/],
  ])('%j', (doc, problem) => {
    const p = metricsProblem(doc);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toMatch(problem);
  });
});

describe('parseNvidiaSmi', () => {
  it.each([
    ['NVIDIA H100 80GB HBM3, 81559\n', [{ name: 'NVIDIA H100 80GB HBM3', memoryMiB: 81559 }]],
    [
      'Tesla T4, 15360\r\nTesla T4, 15360\r\n',
      [
        { name: 'Tesla T4', memoryMiB: 15360 },
        { name: 'Tesla T4', memoryMiB: 15360 },
      ],
    ],
    [
      'NVIDIA A100-SXM4-40GB MIG 1g.5gb, [N/A]\n',
      [{ name: 'NVIDIA A100-SXM4-40GB MIG 1g.5gb', memoryMiB: 0 }],
    ],
    ['Weird, Name, 1024', [{ name: 'Weird, Name', memoryMiB: 1024 }]],
    ['', []],
    ['No devices were found\n', []],
  ])('%j', (text, devices) => {
    expect(parseNvidiaSmi(text)).toEqual(devices);
  });
});

describe('classifyEnd without a notebook', () => {
  const base = {
    engine: 'nbclient' as const,
    signal: null,
    stoppedBy: null,
    notebook: null,
    executedNotebook: null,
  };
  it.each([
    [{ code: 0, stderrTail: '' }, null],
    [{ code: 138, stderrTail: 'DeadKernelError: Kernel died' }, 'kernel-died'],
    [{ code: 1, stderrTail: "RuntimeError: Kernel didn't respond in 3 seconds\n" }, 'timeout'],
    [{ code: 2, stderrTail: 'Error: No such option: --bogus\n' }, 'engine'],
    [{ code: null, signal: 'SIGKILL', stderrTail: '' }, 'engine'],
    [{ code: 1, stoppedBy: 'cancelled' as const, stderrTail: 'Aborted!' }, 'cancelled'],
    [{ code: 1, stoppedBy: 'timeout' as const, stderrTail: 'Aborted!' }, 'timeout'],
    // A notebook that prints the words does not make a timeout.
    [{ code: 0, stderrTail: 'CellTimeoutError: printed by the notebook\n' }, null],
  ])('%j → %s', (over, kind) => {
    const f = classifyEnd({ ...base, ...over });
    expect(f?.kind ?? null).toBe(kind);
  });

  it('names the missing module and the interpreter setting', () => {
    const f = classifyEnd({
      ...base,
      code: 1,
      stderrTail: "Traceback...\nModuleNotFoundError: No module named 'nbclient'\n",
    });
    expect(f?.message).toContain("ModuleNotFoundError: No module named 'nbclient'");
    expect(f?.message).toContain('train.python');
  });

  it.each([
    ['Traceback\n  File x\nValueError: bad\n', 'ValueError: bad'],
    [
      'a\njupyter_client.kernelspec.NoSuchKernel: No such kernel named k\n\n',
      'jupyter_client.kernelspec.NoSuchKernel: No such kernel named k',
    ],
    ['just text\n', 'just text'],
  ])('lastError(%j)', (stderr, line) => {
    expect(lastError(stderr)).toBe(line);
  });
});

describe('relayLine', () => {
  it('turns cell markers into progress and relays notebook output', () => {
    const seen: string[] = [];
    const log = { info: (m: string) => void seen.push(m), debug: () => undefined };
    for (const l of [
      'Executing Cell 2---------------------------------------',
      'hello from the notebook',
      'Ending Cell 2------------------------------------------',
      '[IPKernelApp] WARNING | Kernel is running over TCP without encryption. All ...',
      '',
      'Executing Cell 9---------------------------------------',
    ]) {
      relayLine(l, ['a = 1', '# Parameters', 'train()'], log);
    }
    expect(seen).toEqual(['cell 2/3: # Parameters', 'hello from the notebook', 'cell 9/3']);
  });
});
