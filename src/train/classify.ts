import {
  failedCell,
  firstLine,
  lastStartedCell,
  stoppedEarly,
  stripAnsi,
  type ExecutedNotebook,
  type NotebookCell,
} from './notebook.js';
import { TrainingFailed } from './types.js';

/** How an engine run ended, as the supervisor saw it. */
export interface EngineEnd {
  engine: 'papermill' | 'nbclient';
  code: number | null;
  signal: string | null;
  stoppedBy: 'timeout' | 'cancelled' | null;
  stderrTail: string;
  /** The executed notebook as read back (null when none was written). */
  notebook: ExecutedNotebook | null;
  executedNotebook: string | null;
  /** For messages: the limits in force, as the user wrote them. */
  runTimeout?: string;
  cellTimeout?: string;
  startTimeoutS?: number;
}

/** papermill's exit code for a dead kernel (the built-in engine uses the same). */
export const DEAD_KERNEL_EXIT = 138;

/**
 * Decides from the exit, stderr and the executed notebook whether training failed and how.
 * Returns null on success. Pure: the same inputs from either engine give the same verdict.
 */
export function classifyEnd(end: EngineEnd): TrainingFailed | null {
  const nb = end.notebook;
  const kept = end.executedNotebook;
  const where = kept ? `; the executed notebook is kept at ${kept}` : '';
  const running = nb ? lastStartedCell(nb) : null;
  const at = running ? ` while ${describe(running)} was running` : '';

  if (end.stoppedBy === 'cancelled') {
    return new TrainingFailed(
      `Training was cancelled${at}${where}`,
      'cancelled',
      kept,
      running ? cutOff(running, 'Cancelled', 'the workflow run was cancelled') : undefined,
    );
  }
  if (end.stoppedBy === 'timeout') {
    return new TrainingFailed(
      `Training exceeded train.timeout (${end.runTimeout ?? '?'})${at}; raise train.timeout or make the notebook faster${where}`,
      'timeout',
      kept,
      running
        ? cutOff(running, 'RunTimeout', `train.timeout (${end.runTimeout ?? '?'}) passed`)
        : undefined,
    );
  }

  const stderr = stripAnsi(end.stderrTail);
  if (
    end.code === DEAD_KERNEL_EXIT ||
    /^(nbclient\.exceptions\.)?DeadKernelError\b/m.test(stderr)
  ) {
    return new TrainingFailed(
      `The kernel died${at} (killed by the system, often out of memory, or the process exited)${where}`,
      'kernel-died',
      kept,
      running ? cutOff(running, 'DeadKernelError', 'Kernel died') : undefined,
    );
  }
  const cellTimeout = /^(?:nbclient\.exceptions\.)?CellTimeoutError: (.*)$/m.exec(stderr);
  if (cellTimeout && end.code !== 0) {
    return new TrainingFailed(
      `A cell exceeded train.cell_timeout (${end.cellTimeout ?? '?'})${at}; raise train.cell_timeout or make the cell faster${where}`,
      'timeout',
      kept,
      running ? cutOff(running, 'CellTimeoutError', (cellTimeout[1] ?? '').trim()) : undefined,
    );
  }
  const failure = nb ? failedCell(nb) : null;
  if (failure) {
    const n = failure.executionCount ?? '?';
    return new TrainingFailed(
      `The notebook failed in cell In [${n}] (${failure.ename}: ${firstLine(failure.evalue, 200)})${where}`,
      'exception',
      kept,
      failure,
    );
  }
  const startTimeout = /Kernel didn't respond in (\d+) seconds/.exec(stderr);
  if (startTimeout) {
    return new TrainingFailed(
      `The kernel did not start within ${startTimeout[1]} s; check that the kernel runs on this runner${where}`,
      'timeout',
      kept,
    );
  }
  if (end.code === 0 && end.signal === null) {
    const stopped = nb ? stoppedEarly(nb) : null;
    if (stopped) {
      return new TrainingFailed(
        `The notebook stopped early at ${describe(stopped)} (sys.exit); the cells after it did not run${where}`,
        'exception',
        kept,
        cutOff(stopped, 'SystemExit', '0'),
      );
    }
    return null;
  }
  return new TrainingFailed(
    `The ${end.engine} engine failed (${exitText(end)}): ${lastError(stderr) || 'no error output'}${hint(stderr)}${where}`,
    'engine',
    kept,
  );
}

function describe(cell: NotebookCell): string {
  const n = cell.executionCount ?? '?';
  const line = firstLine(cell.source, 60);
  return `cell In [${n}]${line ? ` (${line})` : ''}`;
}

function cutOff(cell: NotebookCell, ename: string, evalue: string) {
  const err = cell.errors.at(-1);
  return {
    index: cell.index,
    executionCount: cell.executionCount,
    source: cell.source,
    ename,
    evalue,
    traceback: err ? stripAnsi(err.traceback.join('\n')) : '',
  };
}

function exitText(end: EngineEnd): string {
  if (end.signal) return `killed by ${end.signal}`;
  return `exit code ${end.code}`;
}

/** The exception line Python prints last ("Type: message"), or the last non-empty line. */
export function lastError(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim().length > 0);
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i] as string;
    if (/^[A-Za-z_][\w.]*(Error|Exception|Kernel|Exit)\b.*:/.test(l) || /^Error: /.test(l)) {
      return l;
    }
  }
  return lines.at(-1) ?? '';
}

function hint(stderr: string): string {
  if (/NoSuchKernel|No such kernel named/.test(stderr)) {
    return ' (set train.kernel to a kernel installed on the runner; `jupyter kernelspec list` shows them)';
  }
  if (/No kernel name found/.test(stderr)) {
    return ' (the notebook has no kernelspec: set train.kernel, e.g. python3)';
  }
  if (/ModuleNotFoundError: No module named '(nbclient|nbformat|papermill)'/.test(stderr)) {
    return ' (install nbclient and ipykernel, or papermill, in the interpreter named by train.python / MODEL_RETRAIN_PYTHON)';
  }
  return '';
}
