import { describe, expect, it } from 'vitest';
import { redrawn, runSupervised, type SupervisedRun } from '../../src/train/process.js';
import { pythonBin } from '../support/python.js';
import { alive } from './helpers.js';

function run(code: string, over: Partial<SupervisedRun> = {}) {
  const lines: [string, string][] = [];
  const outcome = runSupervised({
    command: pythonBin(),
    args: ['-u', '-c', code],
    env: process.env,
    signal: new AbortController().signal,
    graceMs: 300,
    onLine: (stream, line) => void lines.push([stream, line]),
    ...over,
  });
  return { lines, outcome };
}

describe('runSupervised', () => {
  it('relays lines from both streams (a redrawn line by its final state) and the exit code', async () => {
    const { lines, outcome } = run(
      "import sys\nsys.stdout.write('a\\r\\nb\\rc\\npartial')\nsys.stderr.write('err line\\n')\nsys.exit(3)",
    );
    const end = await outcome;
    expect(end).toMatchObject({ code: 3, signal: null, stoppedBy: null });
    expect(lines.filter(([s]) => s === 'stdout').map(([, l]) => l)).toEqual(['a', 'c', 'partial']);
    expect(end.stderrTail).toBe('err line\n');
  });

  it('a process that ignores SIGINT and SIGTERM is killed after the grace periods', async () => {
    const { outcome } = run(
      "import signal, time\nfor s in (signal.SIGINT, signal.SIGTERM):\n    signal.signal(s, signal.SIG_IGN)\nprint('ready')\ntime.sleep(60)",
      // Long enough for Python to install its handlers on a loaded 2-core machine first.
      { timeoutMs: 4000 },
    );
    const end = await outcome;
    expect(end.stoppedBy).toBe('timeout');
    expect(end.signal).toBe('SIGKILL');
    expect(end.durationMs).toBeLessThan(15_000);
  });

  it('cancellation reaches the whole process group, grandchildren included', async () => {
    const abort = new AbortController();
    const { lines, outcome } = run(
      "import subprocess, sys, time\np = subprocess.Popen(['sleep', '60'])\nprint(p.pid)\ntime.sleep(60)",
      { signal: abort.signal },
    );
    while (lines.length === 0) await new Promise((r) => setTimeout(r, 50));
    const grandchild = Number(lines[0]?.[1]);
    expect(alive(grandchild)).toBe(true);
    abort.abort();
    const end = await outcome;
    expect(end.stoppedBy).toBe('cancelled');
    // The python leader dies of SIGINT's KeyboardInterrupt; sleep dies of SIGINT.
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(grandchild)).toBe(false);
  });

  it('a command that does not exist is reported, not thrown', async () => {
    const end = await runSupervised({
      command: '/nonexistent/engine',
      args: [],
      env: process.env,
      signal: new AbortController().signal,
      graceMs: 100,
      onLine: () => undefined,
    });
    expect(end.spawnError?.code).toBe('ENOENT');
  });
});

describe('redrawn', () => {
  it.each([
    ['plain', 'plain'],
    ['10%|#   |\r50%|##  |\r100%|####|', '100%|####|'],
    ['done\r', 'done'],
    ['\r', ''],
  ])('%j → %j', (line, shown) => {
    expect(redrawn(line)).toBe(shown);
  });
});
