import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keptFiles, runTraining } from '../../src/train/index.js';
import { readNotebook } from '../../src/train/notebook.js';
import { TrainingFailed } from '../../src/train/types.js';
import { alive, sandbox, type Sandbox, failure } from './helpers.js';

let sb: Sandbox;
beforeEach(async () => {
  sb = await sandbox();
});
afterEach(async () => {
  await sb.cleanup();
});

async function executed(f: TrainingFailed) {
  expect(f.executedNotebook).not.toBeNull();
  return readNotebook(JSON.parse(await readFile(f.executedNotebook as string, 'utf8')));
}

async function until(what: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (what()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return what();
}

describe('how a run ends (real kernels, built-in engine)', () => {
  it('per-cell timeout: kind timeout, the cell that overran, notebook kept', async () => {
    const f = await failure(
      runTraining(sb.config({ cell_timeout: '2s' }), sb.request('slow.ipynb'), sb.ctx),
    );
    expect(f.kind).toBe('timeout');
    expect(f.message).toContain('train.cell_timeout (2s)');
    expect(f.cell).toMatchObject({ source: 'time.sleep(seconds)', ename: 'CellTimeoutError' });
    const nb = await executed(f);
    expect(nb.cells[4]?.startTime).toBeNull(); // print('woke up') never ran
  });

  it('whole-run timeout: the process tree is stopped and the partial notebook kept', async () => {
    const f = await failure(
      runTraining(sb.config({ timeout: 4 }), sb.request('slow.ipynb'), sb.ctx),
    );
    expect(f.kind).toBe('timeout');
    expect(f.message).toContain('train.timeout (4)');
    expect(f.cell?.source).toBe('time.sleep(seconds)');
    const nb = await executed(f);
    expect(nb.cells.find((c) => c.source === "print('woke up')")?.executionCount).toBeNull();
    const pid = Number(await readFile(join(sb.request('x').outputDir, 'kernel.pid'), 'utf8'));
    expect(await until(() => !alive(pid), 15_000)).toBe(true);
  });

  it('cancellation (workflow SIGINT/SIGTERM): kind cancelled, kernel gone, notebook kept', async () => {
    const run = runTraining(sb.config(), sb.request('slow.ipynb'), sb.ctx);
    const caught = failure(run);
    // Cancel once the engine has started the sleeping cell (not merely seen the cell before it print).
    const sleepStarted = () =>
      sb.ctx.logger.lines.some((l) => l.startsWith('cell ') && l.endsWith('time.sleep(seconds)'));
    expect(await until(sleepStarted, 60_000)).toBe(true);
    sb.abort.abort();
    const f = await caught;
    expect(f.kind).toBe('cancelled');
    expect(f.cell?.source).toBe('time.sleep(seconds)');
    await executed(f);
    const pid = Number(await readFile(join(sb.request('x').outputDir, 'kernel.pid'), 'utf8'));
    expect(await until(() => !alive(pid), 15_000)).toBe(true);
  });

  it('the notebook saved during the run shows finished cells, display updates and the running cell', async () => {
    const run = runTraining(sb.config(), sb.request('progress.ipynb'), sb.ctx);
    const caught = failure(run);
    const path = keptFiles(sb.ctx).notebook;
    type Raw = { cells: { source: string[]; outputs: unknown[] }[] };
    const saved = async (): Promise<Raw | null> => {
      try {
        return JSON.parse(await readFile(path, 'utf8')) as Raw;
      } catch {
        return null; // not written yet
      }
    };
    const sleeping = (raw: Raw | null) =>
      raw && readNotebook(raw).cells.find((c) => c.source.includes('time.sleep'))?.status;
    let raw = await saved();
    const end = Date.now() + 60_000;
    while (Date.now() < end && sleeping(raw) !== 'running') {
      await new Promise((r) => setTimeout(r, 100));
      raw = await saved();
    }
    sb.abort.abort();
    await caught;
    expect(raw).not.toBeNull();
    const nb = readNotebook(raw);
    const at = (text: string) => nb.cells.findIndex((c) => c.source.includes(text));
    const outputs = (text: string) => JSON.stringify(raw?.cells[at(text)]?.outputs);
    expect(nb.cells[at('time.sleep')]?.status).toBe('running');
    expect(nb.cells[at("print('never')")]?.status).toBe('pending');
    expect(nb.cells[at("print('two')")]?.status).toBe('completed');
    expect(outputs("print('two')")).toContain('two');
    // Cell 1's display was updated by cell 3: the save shows the new value, not the first.
    expect(outputs('display_id=True')).toContain("'updated'");
    expect(outputs('display_id=True')).not.toContain("'first'");
  });

  it('kernel death (SIGKILL inside a cell): kind kernel-died, the dying cell named', async () => {
    const f = await failure(runTraining(sb.config(), sb.request('kernel-death.ipynb'), sb.ctx));
    expect(f.kind).toBe('kernel-died');
    expect(f.cell?.source).toContain('os.kill(os.getpid(), signal.SIGKILL)');
    await executed(f);
  });

  it('sys.exit(0) in a cell stops the notebook: an exception, not a success', async () => {
    const f = await failure(
      runTraining(sb.config(), sb.request('train-outputs.ipynb', { variant: 'sys-exit' }), sb.ctx),
    );
    expect(f.kind).toBe('exception');
    expect(f.cell?.ename).toBe('SystemExit');
  });

  it.each([
    ['no-metrics', /did not write .*metrics\.json/],
    ['nan', /challenger\.auc is NaN, not a finite number/],
    ['wrong-shape', /challenger must be object/],
    ['string-metric', /challenger\.auc must be a number, got "0\.91"/],
    ['missing-predictions', /predictions names nope\.csv, but output_dir has no such file/],
    ['empty-model', /has no non-empty file/],
  ])('bad outputs (%s) fail with kind bad-outputs naming the field', async (variant, message) => {
    const f = await failure(
      runTraining(sb.config(), sb.request('train-outputs.ipynb', { variant }), sb.ctx),
    );
    expect(f.kind).toBe('bad-outputs');
    expect(f.message).toMatch(message);
    expect(f.executedNotebook).toMatch(/executed\.ipynb$/);
  });

  it("stale outputs of an earlier attempt do not count as this run's", async () => {
    const out = sb.request('x').outputDir;
    await mkdir(join(out, 'model'), { recursive: true });
    await writeFile(join(out, 'model', 'old.bin'), 'old');
    await writeFile(join(out, 'metrics.json'), '{"challenger": {"auc": 0.99}}');
    const f = await failure(
      runTraining(
        sb.config(),
        sb.request('train-outputs.ipynb', { variant: 'no-metrics' }),
        sb.ctx,
      ),
    );
    expect(f.kind).toBe('bad-outputs');
    expect(f.message).toMatch(/did not write .*metrics\.json/);
  });

  it('a run cancelled before it starts does not start the engine', async () => {
    sb.abort.abort();
    const f = await failure(runTraining(sb.config(), sb.request('fail.ipynb'), sb.ctx));
    expect(f.kind).toBe('cancelled');
    expect(f.executedNotebook).toBeNull();
  });

  it('an unknown kernel is an engine failure with the fix', async () => {
    const f = await failure(
      runTraining(sb.config({ kernel: 'no-such-kernel' }), sb.request('fail.ipynb'), sb.ctx),
    );
    expect(f.kind).toBe('engine');
    // Found by the preflight, before the engine starts.
    expect(f.message).toContain('Kernel "no-such-kernel" is not known to');
    expect(f.message).toContain('train.kernel');
  });

  it('a missing interpreter is an engine failure naming train.python', async () => {
    const f = await failure(
      runTraining(sb.config({ python: '/nonexistent/python3' }), sb.request('fail.ipynb'), sb.ctx),
    );
    expect(f.kind).toBe('engine');
    expect(f.message).toContain('train.python');
  });
});
