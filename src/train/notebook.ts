import type { CellFailure, CellTiming } from './types.js';

/** One cell of an executed notebook, as both engines record it (papermill metadata). */
export interface NotebookCell {
  index: number;
  cellType: string;
  source: string;
  tags: string[];
  executionCount: number | null;
  status: string | null;
  startTime: string | null;
  endTime: string | null;
  durationS: number | null;
  exception: boolean | null;
  errors: { ename: string; evalue: string; traceback: string[] }[];
}

export interface ExecutedNotebook {
  cells: NotebookCell[];
  /** Notebook-level metadata.papermill (absent for a notebook never run by an engine). */
  run: {
    parameters: Record<string, unknown>;
    startTime: string | null;
    endTime: string | null;
    durationS: number | null;
    exception: boolean | null;
    version: string | null;
  } | null;
  kernel: string | null;
}

export const ERROR_MARKER_TAG = 'papermill-error-cell-tag';
export const PARAMETERS_TAG = 'parameters';
export const INJECTED_TAG = 'injected-parameters';

const NONFINITE = '\u0000nonfinite:';

/**
 * JSON.parse that also accepts the bare NaN / Infinity / -Infinity tokens Python's json writes
 * (papermill stores non-finite parameters that way); they come back as numbers.
 */
export function parseJsonLenient(text: string): unknown {
  // Cheap native pre-check: most notebooks have no such token anywhere.
  if (!text.includes('NaN') && !text.includes('Infinity')) return JSON.parse(text);
  const fixed = quoteNonFinite(text);
  if (fixed === text) return JSON.parse(text);
  return restoreNonFinite(JSON.parse(fixed));
}

/**
 * Wraps bare non-finite tokens (outside strings) in marked strings. String bodies are skipped
 * with indexOf, so megabytes of cell output cost little.
 */
function quoteNonFinite(text: string): string {
  const parts: string[] = [];
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Find the closing quote: one not preceded by an odd run of backslashes.
      let j = text.indexOf('"', i + 1);
      while (j !== -1) {
        let k = j - 1;
        while (text.charCodeAt(k) === 0x5c) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (j === -1) break;
      i = j + 1;
      continue;
    }
    if (c === 0x4e || c === 0x49 || c === 0x2d) {
      const token = text.startsWith('NaN', i)
        ? 'NaN'
        : text.startsWith('Infinity', i)
          ? 'Infinity'
          : text.startsWith('-Infinity', i)
            ? '-Infinity'
            : null;
      if (token) {
        parts.push(text.slice(last, i), JSON.stringify(NONFINITE + token));
        i += token.length;
        last = i;
        continue;
      }
    }
    i++;
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(last));
  return parts.join('');
}

/** Turns the marked strings back into numbers (a walk, not a JSON.parse reviver: far faster). */
function restoreNonFinite(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.startsWith(NONFINITE) ? Number(value.slice(NONFINITE.length)) : value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreNonFinite(value[i]);
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = restoreNonFinite(o[k]);
  }
  return value;
}

/** Removes ANSI colour and cursor sequences (IPython tracebacks are coloured). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g, '');
}

function joinSource(s: unknown): string {
  if (Array.isArray(s)) return s.map(String).join('');
  return typeof s === 'string' ? s : '';
}

function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** Reads an .ipynb document (already parsed) into the fields the action uses. */
export function readNotebook(doc: unknown): ExecutedNotebook {
  const root = obj(doc);
  if (!Array.isArray(root.cells)) throw new Error('not a notebook: "cells" is missing');
  const meta = obj(root.metadata);
  const pm = meta.papermill === undefined ? null : obj(meta.papermill);
  const cells = root.cells.map((raw, index): NotebookCell => {
    const c = obj(raw);
    const m = obj(c.metadata);
    const p = obj(m.papermill);
    const outputs = Array.isArray(c.outputs) ? c.outputs.map(obj) : [];
    return {
      index,
      cellType: str(c.cell_type) ?? 'code',
      source: joinSource(c.source),
      tags: Array.isArray(m.tags) ? m.tags.filter((t): t is string => typeof t === 'string') : [],
      executionCount: num(c.execution_count),
      status: str(p.status),
      startTime: str(p.start_time),
      endTime: str(p.end_time),
      durationS: num(p.duration),
      exception: typeof p.exception === 'boolean' ? p.exception : null,
      errors: outputs
        .filter((o) => o.output_type === 'error')
        .map((o) => ({
          ename: String(o.ename ?? ''),
          evalue: String(o.evalue ?? ''),
          traceback: Array.isArray(o.traceback) ? o.traceback.map(String) : [],
        })),
    };
  });
  return {
    cells,
    run: pm && {
      parameters: obj(pm.parameters),
      startTime: str(pm.start_time),
      endTime: str(pm.end_time),
      durationS: num(pm.duration),
      exception: typeof pm.exception === 'boolean' ? pm.exception : null,
      version: str(pm.version),
    },
    kernel: str(obj(meta.kernelspec).name),
  };
}

/**
 * The cell papermill reports for an ordinary failure: the last error output (a clean
 * SystemExit is not one), else a cell marked exception:true without an error output.
 */
export function failedCell(nb: ExecutedNotebook): CellFailure | null {
  let found: CellFailure | null = null;
  for (const cell of nb.cells) {
    let cleanExit = false;
    let hit: CellFailure | null = null;
    for (const e of cell.errors) {
      if (e.ename === 'SystemExit' && (e.evalue === '' || e.evalue === '0')) {
        cleanExit = true;
        continue;
      }
      hit = toFailure(cell, e.ename, e.evalue, e.traceback);
      break;
    }
    if (hit) found = hit;
    else if (!found && !cleanExit && cell.exception === true) {
      return toFailure(cell, 'CellExecutionError', '', []);
    }
  }
  return found;
}

/** A notebook stopped by sys.exit()/SystemExit(0): papermill exits 0 but the run is cut short. */
export function stoppedEarly(nb: ExecutedNotebook): NotebookCell | null {
  return nb.cells.find((c) => c.status === 'failed') ?? null;
}

function toFailure(
  cell: NotebookCell,
  ename: string,
  evalue: string,
  traceback: string[],
): CellFailure {
  return {
    index: cell.index,
    executionCount: cell.executionCount,
    source: cell.source,
    ename,
    evalue: stripAnsi(evalue),
    traceback: stripAnsi(traceback.join('\n')),
  };
}

/** The cell that was running when a run was cut off (timeout, kernel death, cancellation). */
export function lastStartedCell(nb: ExecutedNotebook): NotebookCell | null {
  let last: NotebookCell | null = null;
  for (const cell of nb.cells) if (cell.startTime !== null) last = cell;
  return last;
}

/** The first line a person would recognise the cell by. */
export function firstLine(source: string, max = 80): string {
  const line =
    source
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function cellTimings(nb: ExecutedNotebook): CellTiming[] {
  return nb.cells
    .filter((c) => c.cellType === 'code')
    .map((c) => ({
      index: c.index,
      executionCount: c.executionCount,
      durationS: c.durationS,
      firstLine: firstLine(c.source),
    }));
}

/** The `n` slowest code cells that ran, slowest first. */
export function slowestCells(nb: ExecutedNotebook, n = 5): CellTiming[] {
  return cellTimings(nb)
    .filter((t) => t.durationS !== null)
    .sort((a, b) => (b.durationS as number) - (a.durationS as number) || a.index - b.index)
    .slice(0, n);
}

/**
 * The cells as the engine will run them (error markers dropped, the injected cell placed as
 * papermill places it), for "cell 3/12: …" progress lines.
 */
export function plannedCells(input: ExecutedNotebook): string[] {
  const cells = input.cells;
  const firstTagged = (tag: string) => cells.findIndex((c) => c.tags.includes(tag));
  const injected = firstTagged(INJECTED_TAG);
  const params = firstTagged(PARAMETERS_TAG);
  const lines = cells.map((c) => firstLine(c.source) || `(${c.cellType})`);
  const kept = cells.map((c) => !c.tags.includes(ERROR_MARKER_TAG));
  if (injected >= 0) lines[injected] = '# Parameters';
  else if (params >= 0) {
    lines.splice(params + 1, 0, '# Parameters');
    kept.splice(params + 1, 0, true);
  } else {
    lines.unshift('# Parameters');
    kept.unshift(true);
  }
  return lines.filter((_l, i) => kept[i]);
}
