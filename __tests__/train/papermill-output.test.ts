/**
 * Reads REAL papermill output notebooks (recorded with papermill 2.6.0, see each case.json)
 * and checks that the built-in engine produces the same report for the same notebook.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyEnd } from '../../src/train/classify.js';
import { runTraining } from '../../src/train/index.js';
import {
  cellTimings,
  parseJsonLenient,
  readNotebook,
  type ExecutedNotebook,
} from '../../src/train/notebook.js';
import { TrainingFailed } from '../../src/train/types.js';
import { papermillFixtures, sandbox, type Sandbox } from './helpers.js';

interface Case {
  notebook: string;
  userParameters: Record<string, unknown> | string;
  kernel: string | null;
  cellTimeoutS: number | null;
  cancelled: boolean;
  outputDir: string;
  code: number | null;
  signal: string | null;
  stoppedBy: 'timeout' | 'cancelled' | null;
}

function fixture(name: string) {
  const dir = join(papermillFixtures, name);
  const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
  let text: string | null = null;
  try {
    text = readFileSync(join(dir, 'executed.ipynb'), 'utf8');
  } catch {
    text = null;
  }
  const stderr = readFileSync(join(dir, 'stderr.txt'), 'utf8');
  return { c, text, nb: text === null ? null : readNotebook(parseJsonLenient(text)), stderr };
}

function classifyFixture(name: string) {
  const { c, nb, stderr } = fixture(name);
  return classifyEnd({
    engine: 'papermill',
    code: c.code,
    signal: c.signal,
    stoppedBy: c.stoppedBy,
    stderrTail: stderr,
    notebook: nb,
    executedNotebook: nb ? '/kept/executed.ipynb' : null,
    cellTimeout: c.cellTimeoutS ? `${c.cellTimeoutS}s` : undefined,
  });
}

describe('parsing real papermill output', () => {
  it.each([
    ['success', null, null],
    ['typed-parameters', null, null],
    [
      'exception',
      'exception',
      { executionCount: 4, ename: 'ValueError', evalue: 'boom from cell' },
    ],
    ['cell-timeout', 'timeout', { executionCount: 4, ename: 'CellTimeoutError' }],
    ['kernel-death', 'kernel-died', { executionCount: null, ename: 'DeadKernelError' }],
    ['sys-exit', 'exception', { executionCount: 4, ename: 'SystemExit' }],
    ['cancelled', 'cancelled', { executionCount: 4 }],
    ['unknown-kernel', 'engine', undefined],
  ] as const)('%s → %s', (name, kind, cell) => {
    const failure = classifyFixture(name);
    if (kind === null) {
      expect(failure).toBeNull();
      return;
    }
    expect(failure).toBeInstanceOf(TrainingFailed);
    expect(failure?.kind).toBe(kind);
    if (cell) expect(failure?.cell).toMatchObject(cell);
    else expect(failure?.cell).toBeUndefined();
  });

  it('the exception case: traceback without ANSI codes, source of the raising cell, markers', () => {
    const { nb } = fixture('exception');
    const f = classifyFixture('exception');
    expect(f?.cell?.source).toBe("raise ValueError('boom from cell')");
    expect(f?.cell?.index).toBe(5); // two marker cells shift it, as papermill documents
    expect(f?.cell?.traceback).toContain('ValueError: boom from cell');
    expect(f?.cell?.traceback).not.toContain('\u001b');
    expect(nb?.cells.filter((c) => c.tags.includes('papermill-error-cell-tag'))).toHaveLength(2);
    expect(nb?.run?.exception).toBe(true);
  });

  it('an unknown kernel names the kernel and the fix', () => {
    expect(classifyFixture('unknown-kernel')?.message).toMatch(
      /NoSuchKernel: No such kernel named no-such-kernel.*train\.kernel/,
    );
  });

  it('reads non-finite parameters stored as bare NaN/-Infinity tokens', () => {
    const { text, nb } = fixture('typed-parameters');
    expect(() => JSON.parse(text as string)).toThrow();
    expect(nb?.run?.parameters.nan).toBeNaN();
    expect(nb?.run?.parameters.ninf).toBe(-Infinity);
    expect(nb?.run?.parameters.lr).toBe(1e-7);
  });

  it('accepts source as a list of lines and as one string', () => {
    const { nb } = fixture('success');
    expect(nb?.cells[2]?.source.startsWith('# Parameters\nepochs = 5\n')).toBe(true);
    const single = readNotebook({ cells: [{ cell_type: 'code', source: 'a = 1\nb = 2' }] });
    expect(single.cells[0]?.source).toBe('a = 1\nb = 2');
  });
});

/** What the action shows of a run, with run-specific paths and times taken out. */
function report(nb: ExecutedNotebook, failure: TrainingFailed | null, outputDir: string) {
  const norm = (s: string) => s.split(outputDir).join('<output_dir>');
  return {
    kind: failure?.kind ?? null,
    cell: failure?.cell && {
      index: failure.cell.index,
      executionCount: failure.cell.executionCount,
      source: failure.cell.source,
      ename: failure.cell.ename,
      evalue: failure.cell.evalue,
    },
    exception: nb.run?.exception ?? null,
    parameters: norm(JSON.stringify(nb.run?.parameters)),
    cells: nb.cells.map((c) => ({
      type: c.cellType,
      tags: c.tags,
      status: c.status,
      ran: c.startTime !== null,
      executionCount: c.executionCount,
      errors: c.errors.map((e) => e.ename),
      source: c.tags.includes('papermill-error-cell-tag') ? c.source : norm(c.source),
    })),
    timings: cellTimings(nb).map((t) => ({ ...t, durationS: t.durationS === null })),
  };
}

describe('the built-in engine reports like papermill (same notebook, same parameters)', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await sandbox();
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  it.each(['success', 'exception', 'cell-timeout', 'kernel-death', 'sys-exit', 'cancelled'])(
    '%s',
    async (name) => {
      const { c, nb } = fixture(name);
      const user = typeof c.userParameters === 'string' ? {} : c.userParameters;
      const run = runTraining(
        sb.config({
          notebook: c.notebook,
          ...(c.cellTimeoutS ? { cell_timeout: c.cellTimeoutS } : {}),
        }),
        sb.request(c.notebook, user),
        sb.ctx,
      );
      if (c.cancelled) {
        const t0 = Date.now();
        // Cancel once the engine has started the sleeping cell, as papermill's run was.
        const sleepStarted = () =>
          sb.ctx.logger.lines.some(
            (l) => l.startsWith('cell ') && l.endsWith('time.sleep(seconds)'),
          );
        while (!sleepStarted() && Date.now() - t0 < 60_000) {
          await new Promise((r) => setTimeout(r, 100));
        }
        await new Promise((r) => setTimeout(r, 300));
        sb.abort.abort();
      }
      const failure = await run.then(
        () => null,
        (e: unknown) => {
          if (e instanceof TrainingFailed) return e;
          throw e;
        },
      );
      const ours = readNotebook(
        parseJsonLenient(await readFile(`${sb.ctx.workDir}/training/executed.ipynb`, 'utf8')),
      );
      const theirs = classifyFixture(name);
      const mine = report(ours, failure, sb.request('x').outputDir);
      const expected = report(nb as ExecutedNotebook, theirs, c.outputDir);
      if (name === 'kernel-death') {
        // Whether the kernel announces the dying cell's execution count before it dies is a
        // race inside nbclient (papermill has it too): compare everything else.
        for (const r of [mine, expected]) {
          if (r.cell) r.cell.executionCount = null;
          if (r.cell) {
            const dying = r.cells[r.cell.index];
            if (dying) dying.executionCount = null;
            const index = r.cell.index;
            r.timings = r.timings.map((t) =>
              t.index === index ? { ...t, executionCount: null } : t,
            );
          }
        }
      }
      expect(mine).toEqual(expected);
    },
  );

  it('typed parameters: the injected cell is byte-identical to papermill’s', async () => {
    const { c, nb } = fixture('typed-parameters');
    const yamlText = readFileSync(
      join(papermillFixtures, 'typed-parameters', 'parameters.yaml'),
      'utf8',
    );
    // The same values papermill was given (read back from the notebook it wrote).
    const all = nb?.run?.parameters as Record<string, unknown>;
    const user = Object.fromEntries(
      Object.entries(all).filter(
        ([k]) => !['output_dir', 'champion_dir', 'run_id', 'model_name', 'trigger'].includes(k),
      ),
    );
    // Keep papermill's order (the order of its parameters file), not the sorted metadata order.
    const order = [...yamlText.matchAll(/(?:^\{|, )"([^"]+)": /g)].map((m) => m[1] as string);
    const ordered = Object.fromEntries(order.filter((k) => k in user).map((k) => [k, user[k]]));
    await runTraining(sb.config(), sb.request(c.notebook, ordered), sb.ctx);
    const ours = readNotebook(
      parseJsonLenient(await readFile(`${sb.ctx.workDir}/training/executed.ipynb`, 'utf8')),
    );
    const norm = (s: string | undefined, dir: string) => (s ?? '').split(dir).join('<output_dir>');
    expect(norm(ours.cells[2]?.source, sb.request('x').outputDir)).toBe(
      norm(nb?.cells[2]?.source, c.outputDir),
    );
  });
});
