import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TrainConfig } from './config.js';
import { CHECK_FILE, pythonFile } from './driver.js';
import type { ResolvedEngine } from './engine.js';
import { parseJsonLenient } from './notebook.js';
import { TrainingFailed } from './types.js';

/** What the preflight learnt about the notebook. */
export interface NotebookFacts {
  path: string;
  cells: number;
  /** Index of the first cell tagged `parameters`. */
  parametersCell: number;
  /** train.kernel, else the notebook's kernelspec name. */
  kernel: string;
}

const TAG_HELP =
  'in JupyterLab select the cell holding your defaults and add the tag "parameters" in the property inspector (Notebook: View → Cell Toolbar → Tags)';

/**
 * The notebook exists, parses, has a cell tagged `parameters` and names a kernel. Pure apart
 * from reading the file; cheap enough for the check job, so a broken notebook is found there
 * and not after a GPU runner has started.
 */
export async function checkNotebook(
  config: Pick<TrainConfig, 'notebook' | 'kernel'>,
  root: string,
  notebook: string = config.notebook,
): Promise<NotebookFacts> {
  const path = resolve(root, notebook);
  const where = { file: path };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UserError(
      `train.notebook: notebook ${notebook} not found (looked in ${path}); commit it or fix the path`,
    );
  }
  let doc: unknown;
  try {
    doc = parseJsonLenient(text);
  } catch (e) {
    throw new UserError(
      `train.notebook: ${notebook} is not valid notebook JSON (${(e as Error).message.split('\n')[0]}); open it in Jupyter and save it again, or resolve the merge conflict in it`,
      where,
    );
  }
  return notebookFacts(doc, notebook, path, config.kernel);
}

/** The notebook rules on a parsed document (exported for table tests). */
export function notebookFacts(
  doc: unknown,
  notebook: string,
  path: string,
  kernelOverride?: string,
): NotebookFacts {
  const where = { file: path };
  const root = doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>) : {};
  const cells = root.cells;
  if (!Array.isArray(cells)) {
    throw new UserError(
      `train.notebook: ${notebook} has no "cells" list, so it is not a Jupyter notebook (nbformat 4); save it from Jupyter as .ipynb`,
      where,
    );
  }
  const tagsOf = (c: unknown): unknown[] => {
    const meta = (c as { metadata?: { tags?: unknown } } | null)?.metadata;
    return Array.isArray(meta?.tags) ? meta.tags : [];
  };
  const parametersCell = cells.findIndex((c) => tagsOf(c).includes('parameters'));
  if (parametersCell < 0) {
    throw new UserError(
      `train.notebook: ${notebook} has no cell tagged "parameters". papermill then injects the parameters as the notebook's first cell, before your own assignments, which overwrite them (output_dir among them), so the run would fail late or train with the wrong values. Fix: ${TAG_HELP}`,
      where,
    );
  }
  const meta = (root.metadata ?? {}) as { kernelspec?: { name?: unknown } };
  const kernel =
    kernelOverride || (typeof meta.kernelspec?.name === 'string' ? meta.kernelspec.name : '');
  if (!kernel) {
    throw new UserError(
      `train.notebook: ${notebook} names no kernel (metadata.kernelspec is missing); set train.kernel (e.g. python3) or pick a kernel in Jupyter and save the notebook`,
      where,
    );
  }
  return { path, cells: cells.length, parametersCell, kernel };
}

/** pip's name for a module the engine imports. */
const PIP_NAME: Record<string, string> = {
  nbformat: 'nbformat',
  nbclient: 'nbclient',
  jupyter_client: 'jupyter-client',
  ipykernel: 'ipykernel',
  papermill: 'papermill',
};

interface InterpreterReport {
  executable: string;
  version: string;
  missing: string[];
  kernel: { name: string; found: boolean; available: string[] } | null;
}

/**
 * The interpreter that will run the notebook has the engine's modules and finds the kernel,
 * before any cell runs. papermill found on PATH checks itself (its interpreter is its own).
 */
export async function checkInterpreter(
  engine: ResolvedEngine,
  kernel: string,
  env: NodeJS.ProcessEnv,
  log?: Pick<Logger, 'info'>,
): Promise<void> {
  let python: string;
  let modules: string[];
  if (engine.engine === 'nbclient') {
    python = engine.python;
    modules = ['nbformat', 'nbclient', 'jupyter_client'];
  } else if (engine.viaPython) {
    python = engine.papermill;
    modules = ['papermill', 'jupyter_client'];
  } else {
    return;
  }
  const report = await runCheck(python, modules, kernel, env);
  if (report.missing.length) {
    const install = `${python} -m pip install ${report.missing.map((m) => PIP_NAME[m] ?? m).join(' ')}${report.missing.includes('papermill') ? '' : ' ipykernel'}`;
    throw new TrainingFailed(
      `The interpreter ${python} (Python ${report.version}) lacks ${report.missing.join(', ')}, which the ${engine.engine} engine needs; install them with \`${install}\`, or point train.python (or MODEL_RETRAIN_PYTHON) at an interpreter that has them`,
      'engine',
      null,
    );
  }
  if (report.kernel && !report.kernel.found) {
    const available = report.kernel.available?.length ? report.kernel.available.join(', ') : 'none';
    throw new TrainingFailed(
      `Kernel "${kernel}" is not known to ${python} (kernels it has: ${available}); install one with \`${python} -m pip install ipykernel\` (it provides python3), or set train.kernel to one of the kernels it has`,
      'engine',
      null,
    );
  }
  log?.info(
    `preflight: ${python} (Python ${report.version}) has ${modules.join(', ')} and kernel ${kernel}`,
  );
}

function runCheck(
  python: string,
  modules: string[],
  kernel: string,
  env: NodeJS.ProcessEnv,
): Promise<InterpreterReport> {
  const script = pythonFile(CHECK_FILE);
  return new Promise((done, fail) => {
    execFile(
      python,
      [script, '--modules', [...modules].join(','), '--kernel', kernel],
      { env, timeout: 120_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          fail(
            new TrainingFailed(
              `Could not start ${python} (ENOENT): no such interpreter; install Python with nbclient and ipykernel on the runner, or set train.python / MODEL_RETRAIN_PYTHON to one`,
              'engine',
              null,
            ),
          );
          return;
        }
        try {
          done(JSON.parse(stdout.trim().split('\n').pop() ?? '') as InterpreterReport);
        } catch {
          fail(
            new TrainingFailed(
              `The interpreter ${python} could not run the preflight (${(error?.message ?? stderr).trim().split('\n').pop()}); check that it is Python 3.8 or newer`,
              'engine',
              null,
            ),
          );
        }
      },
    );
  });
}
