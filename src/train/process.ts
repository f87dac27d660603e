import { spawn } from 'node:child_process';

export interface SupervisedRun {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Whole-run limit; the process group is stopped when it passes. */
  timeoutMs?: number;
  /** Cancellation (the workflow's SIGINT/SIGTERM). */
  signal: AbortSignal;
  /** SIGINT, then SIGTERM after this long, then SIGKILL after as long again. */
  graceMs: number;
  onLine(stream: 'stdout' | 'stderr', line: string): void;
}

export interface RunOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the supervisor stopped the run rather than the process ending by itself. */
  stoppedBy: 'timeout' | 'cancelled' | null;
  durationMs: number;
  /** The process could not be started (e.g. ENOENT). */
  spawnError?: NodeJS.ErrnoException;
  /** The last lines of stderr, for the failure message. */
  stderrTail: string;
}

const TAIL_CHARS = 64 * 1024;

/** A line redrawn with carriage returns (progress bars) shows only its final state. */
export function redrawn(line: string): string {
  if (!line.includes('\r')) return line;
  const frames = line.split('\r').filter((f) => f.length > 0);
  return frames.at(-1) ?? '';
}

/**
 * Runs a command in its own process group (so a stop reaches papermill or the driver and
 * anything they started in that group), relaying output line by line.
 */
export function runSupervised(run: SupervisedRun): Promise<RunOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    let stoppedBy: RunOutcome['stoppedBy'] = null;
    let tail = '';
    const timers: NodeJS.Timeout[] = [];
    const child = spawn(run.command, run.args, {
      cwd: run.cwd,
      env: run.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });

    const splitter = (stream: 'stdout' | 'stderr') => {
      let buf = '';
      return {
        push(chunk: string) {
          buf += chunk;
          const parts = buf.split(/\r?\n/);
          buf = parts.pop() ?? '';
          for (const line of parts) run.onLine(stream, redrawn(line));
        },
        flush() {
          if (buf) run.onLine(stream, redrawn(buf));
          buf = '';
        },
      };
    };
    const out = splitter('stdout');
    const err = splitter('stderr');
    child.stdout.setEncoding('utf8').on('data', (d: string) => out.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      tail = (tail + d).slice(-TAIL_CHARS);
      err.push(d);
    });

    const killGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // the group is already gone
      }
    };
    const stop = (why: 'timeout' | 'cancelled') => {
      if (stoppedBy || child.exitCode !== null || child.signalCode !== null) return;
      stoppedBy = why;
      // SIGINT lets the engine finalise the notebook and shut its kernel down.
      killGroup('SIGINT');
      timers.push(setTimeout(() => killGroup('SIGTERM'), run.graceMs));
      timers.push(setTimeout(() => killGroup('SIGKILL'), 2 * run.graceMs));
    };
    const onAbort = () => stop('cancelled');
    if (run.signal.aborted) queueMicrotask(onAbort);
    else run.signal.addEventListener('abort', onAbort, { once: true });
    if (run.timeoutMs !== undefined && run.timeoutMs > 0) {
      timers.push(setTimeout(() => stop('timeout'), run.timeoutMs));
    }

    let settled = false;
    const finish = (outcome: Omit<RunOutcome, 'durationMs' | 'stderrTail' | 'stoppedBy'>) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      run.signal.removeEventListener('abort', onAbort);
      out.flush();
      err.flush();
      resolve({ ...outcome, stoppedBy, durationMs: Date.now() - started, stderrTail: tail });
    };
    child.on('error', (e: NodeJS.ErrnoException) =>
      finish({ code: null, signal: null, spawnError: e }),
    );
    child.on('exit', (code, signal) => {
      // A kernel outlives its parent for a moment and may hold our pipes: wait briefly for
      // them to drain, then stop reading.
      const drained = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish({ code, signal });
      }, 2000);
      child.once('close', () => {
        clearTimeout(drained);
        finish({ code, signal });
      });
      // Stragglers in the group (if any) go with the leader.
      if (stoppedBy) killGroup('SIGKILL');
    });
  });
}
