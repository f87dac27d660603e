/** How one engine process is started: the same papermill-style command line for both engines. */
export interface EngineCommand {
  command: string;
  args: string[];
}

export interface EngineInvocation {
  engine: 'papermill' | 'nbclient';
  /** papermill: its executable, or a Python interpreter when `viaPython` is set. */
  papermill?: string;
  /** papermill: run it as `<papermill> -m papermill` (the configured interpreter). */
  viaPython?: boolean;
  /** nbclient: the interpreter and the driver script written at run time. */
  python?: string;
  driver?: string;
  input: string;
  output: string;
  /** YAML for papermill, JSON for the built-in engine (see params.ts). */
  parametersFile: string;
  kernel?: string;
  /** Directory the kernel starts in. */
  cwd: string;
  /** Per-cell limit in seconds (none when absent). */
  cellTimeoutS?: number;
  startTimeoutS: number;
  /** Absolute paths: papermill opens them after changing into --cwd. */
  stdoutFile: string;
  stderrFile: string;
}

/** papermill formats both notebook paths with str.format: literal braces must be doubled. */
export function escapePapermillPath(path: string): string {
  return path.replace(/[{}]/g, (c) => c + c);
}

/** papermill's integer options; a fractional limit rounds up so it is never shorter than asked. */
function seconds(s: number): string {
  return String(Math.max(1, Math.ceil(s)));
}

export function engineCommand(inv: EngineInvocation): EngineCommand {
  const isPapermill = inv.engine === 'papermill';
  const path = isPapermill ? escapePapermillPath : (p: string) => p;
  const common = [
    path(inv.input),
    path(inv.output),
    '-f',
    inv.parametersFile,
    ...(inv.kernel ? ['-k', inv.kernel] : []),
    '--cwd',
    inv.cwd,
    ...(inv.cellTimeoutS !== undefined && inv.cellTimeoutS > 0
      ? ['--execution-timeout', seconds(inv.cellTimeoutS)]
      : []),
    '--start-timeout',
    seconds(inv.startTimeoutS),
    // Kernel output and "Executing Cell N" lines on stderr: the progress the action relays.
    '--log-output',
    '--no-progress-bar',
    '--stdout-file',
    inv.stdoutFile,
    '--stderr-file',
    inv.stderrFile,
  ];
  if (isPapermill) {
    if (!inv.papermill) throw new Error('engineCommand: papermill executable missing');
    const extra = ['--no-report-mode', '--request-save-on-cell-execute'];
    return inv.viaPython
      ? { command: inv.papermill, args: ['-m', 'papermill', ...common, ...extra] }
      : { command: inv.papermill, args: [...common, ...extra] };
  }
  if (!inv.python || !inv.driver) throw new Error('engineCommand: python or driver missing');
  return { command: inv.python, args: ['-u', inv.driver, ...common] };
}
