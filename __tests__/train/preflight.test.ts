/**
 * The training contract checked before any cell runs: the notebook, reserved parameter names
 * (config errors with their line), the interpreter's modules and kernel; and the notebook's
 * environment (no input, token or secret unless train.env names it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { UserError } from '../../src/errors.js';
import { engineEnv } from '../../src/train/engine.js';
import { runTraining } from '../../src/train/index.js';
import { checkNotebook, notebookFacts } from '../../src/train/preflight.js';
import { pythonBin } from '../support/python.js';
import { failure, notebooks, sandbox, type Sandbox } from './helpers.js';

const kernelspec = { name: 'python3', display_name: 'Python 3', language: 'python' };

/** A notebook whose cells are given as [source, tags]. */
function notebookJson(cells: [string, string[]][], meta: object = { kernelspec }): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: meta,
    cells: cells.map(([source, tags]) => ({
      cell_type: 'code',
      execution_count: null,
      metadata: { tags },
      outputs: [],
      source,
    })),
  });
}

/** A first cell that leaves a file behind: proof that a cell ran. */
const MARK = (dir: string) => `open(${JSON.stringify(join(dir, 'cell-ran'))}, "w").write("x")`;

/** Writes the contract outputs so the run succeeds. */
const OUTPUTS = [
  'import json, os',
  'os.makedirs(os.path.join(output_dir, "model"), exist_ok=True)',
  'open(os.path.join(output_dir, "model", "m.txt"), "w").write("m")',
  'json.dump({"challenger": {"accuracy": 0.9}}, open(os.path.join(output_dir, "metrics.json"), "w"))',
].join('\n');

describe('notebookFacts', () => {
  const ok = (cells: [string, string[]][], meta?: object, kernel?: string) =>
    notebookFacts(JSON.parse(notebookJson(cells, meta)), 'nb.ipynb', '/repo/nb.ipynb', kernel);

  it('finds the parameters cell and the kernel', () => {
    expect(
      ok([
        ['import os', []],
        ['x = 1', ['parameters']],
      ]),
    ).toEqual({
      path: '/repo/nb.ipynb',
      cells: 2,
      parametersCell: 1,
      kernel: 'python3',
    });
    expect(ok([['x = 1', ['parameters']]], {}, 'conda-env').kernel).toBe('conda-env');
  });

  it.each([
    ['no cells list', { metadata: {} }, /has no "cells" list/],
    [
      'no parameters cell',
      JSON.parse(notebookJson([['x = 1', []]])) as object,
      /has no cell tagged "parameters"\. papermill then injects the parameters as the notebook's first cell.*Fix: .*add the tag "parameters"/,
    ],
    [
      'no kernel',
      JSON.parse(notebookJson([['x = 1', ['parameters']]], {})) as object,
      /names no kernel .*set train\.kernel/,
    ],
  ])('%s', (_name, doc, message) => {
    let error: unknown;
    try {
      notebookFacts(doc, 'nb.ipynb', '/repo/nb.ipynb');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(message);
    expect((error as UserError).where).toEqual({ file: '/repo/nb.ipynb' });
  });

  it('a notebook that does not parse says so and how to fix it', async () => {
    const sb = await sandbox();
    try {
      writeFileSync(join(sb.dir, 'broken.ipynb'), '{"cells": [\n<<<<<<< HEAD\n');
      await expect(checkNotebook({ notebook: 'broken.ipynb' }, sb.dir)).rejects.toThrow(
        /broken\.ipynb is not valid notebook JSON .*save it again, or resolve the merge conflict/,
      );
    } finally {
      await sb.cleanup();
    }
  });
});

describe('reserved parameter names are config errors with their line', () => {
  const config = (params: string) => `model:
  name: m
metrics:
  source: file
  file: { path: metrics.csv }
  series:
    - name: confidence
  windows:
    current: { duration: 1d }
gate:
  checks:
    - series: confidence
      statistic: mean
      alert: 0.7
train:
  notebook: train-outputs.ipynb
  parameters:
    epochs: 3
${params}
validate:
  primary: accuracy
  metrics:
    accuracy: { direction: higher }
publish:
  registry: registry
`;
  it.each(['output_dir', 'champion_dir', 'run_id', 'model_name', 'trigger'])('%s', (name) => {
    const file = join(notebooks, 'model-retrain.yml');
    let error: unknown;
    try {
      parseConfig(config(`    ${name}: /tmp/x`), file, notebooks);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).where).toEqual({ file, line: 19 });
    expect((error as Error).message).toBe(
      `${file}:19: train.parameters.${name}: "${name}" is set by the action itself (the notebook contract injects output_dir, champion_dir, run_id, model_name, trigger); rename the parameter, e.g. my_${name}`,
    );
  });

  it('an invalid Python name too', () => {
    expect(() =>
      parseConfig(config('    "bad name": 1'), join(notebooks, 'c.yml'), notebooks),
    ).toThrow(
      /c\.yml:19: train\.parameters\.bad name: "bad name" is not a valid Python variable name/,
    );
  });
});

describe('runTraining fails before any cell runs', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await sandbox();
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  const nb = (name: string, cells: [string, string[]][], meta?: object) => {
    const path = join(sb.dir, name);
    writeFileSync(path, notebookJson(cells, meta));
    return path;
  };

  it('a notebook without a parameters cell', async () => {
    const path = nb('noparams.ipynb', [
      [MARK(sb.dir), []],
      ['x = 1', []],
    ]);
    await expect(runTraining(sb.config(), sb.request(path), sb.ctx)).rejects.toThrow(
      /has no cell tagged "parameters"/,
    );
    expect(existsSync(join(sb.dir, 'cell-ran'))).toBe(false);
  });

  it('an interpreter without the engine modules names the install command for it', async () => {
    const venv = join(sb.dir, 'bare');
    // A bare interpreter: no site packages, no pip.
    execFileSync(pythonBin(), ['-m', 'venv', '--without-pip', venv]);
    const python = join(venv, 'bin', 'python');
    const path = nb('ok.ipynb', [[MARK(sb.dir), ['parameters']]]);
    const e = await failure(runTraining(sb.config({ python }), sb.request(path), sb.ctx));
    expect(e.kind).toBe('engine');
    expect(e.message).toContain(
      `lacks nbformat, nbclient, jupyter_client, which the nbclient engine needs; install them with \`${python} -m pip install nbformat nbclient jupyter-client ipykernel\``,
    );
    expect(existsSync(join(sb.dir, 'cell-ran'))).toBe(false);
  });

  it('a kernel the interpreter does not know', async () => {
    const path = nb('ok.ipynb', [[MARK(sb.dir), ['parameters']]]);
    const e = await failure(
      runTraining(sb.config({ kernel: 'no-such-kernel' }), sb.request(path), sb.ctx),
    );
    expect(e.kind).toBe('engine');
    expect(e.message).toMatch(
      /Kernel "no-such-kernel" is not known to .*python \(kernels it has: .*python3.*\); install one with `.* -m pip install ipykernel`/,
    );
    expect(existsSync(join(sb.dir, 'cell-ran'))).toBe(false);
  });

  it('an interpreter that does not exist', async () => {
    const path = nb('ok.ipynb', [[MARK(sb.dir), ['parameters']]]);
    const e = await failure(
      runTraining(sb.config({ python: join(sb.dir, 'nope', 'python') }), sb.request(path), sb.ctx),
    );
    expect(e.message).toMatch(/Could not start .*nope\/python \(ENOENT\)/);
  });
});

describe('the notebook environment', () => {
  let sb: Sandbox;
  const saved = { ...process.env };
  beforeEach(async () => {
    sb = await sandbox();
  });
  afterEach(async () => {
    process.env = { ...saved };
    await sb.cleanup();
  });

  it('engineEnv hides inputs, tokens and secret values unless named', () => {
    const env = {
      PATH: '/bin',
      'INPUT_GITHUB-TOKEN': 'ghs_input',
      GITHUB_TOKEN: 'ghs_env',
      ACTIONS_RUNTIME_TOKEN: 'rt',
      DATADOG_API_KEY: 'dd',
      MY_COPY: 'ghs_input',
      HF_TOKEN: 'hf',
    };
    expect(engineEnv(env, [], ['ghs_input'])).toEqual({
      PATH: '/bin',
      HF_TOKEN: 'hf',
      PYTHONUNBUFFERED: '1',
      PYDEVD_DISABLE_FILE_VALIDATION: '1',
    });
    expect(engineEnv(env, ['GITHUB_TOKEN', 'MY_COPY'], ['ghs_input'])).toMatchObject({
      GITHUB_TOKEN: 'ghs_env',
      MY_COPY: 'ghs_input',
    });
  });

  it('a notebook recording os.environ sees no input, token or secret unless train.env names it', async () => {
    const path = join(sb.dir, 'env.ipynb');
    const record = `json.dump(dict(os.environ), open(os.path.join(output_dir, "env.json"), "w"))`;
    writeFileSync(
      path,
      notebookJson([
        ['output_dir = "out"', ['parameters']],
        [OUTPUTS + '\n' + record, []],
      ]),
    );
    Object.assign(process.env, {
      'INPUT_GITHUB-TOKEN': 'ghs_from_input_0001',
      'INPUT_DATADOG-API-KEY': 'dd_from_input_0002',
      GITHUB_TOKEN: 'ghs_from_env_0003',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc_0004',
      PROMETHEUS_PASSWORD: 'prom_0005',
      LEAKED_COPY: 'secret_value_0006',
      HF_TOKEN: 'hf_named_0007',
      PLAIN_SETTING: 'plain',
    });
    sb.ctx.secrets = { datadogApiKey: 'secret_value_0006' };
    const run = async (env: string[]) => {
      const res = await runTraining(sb.config({ env }), sb.request(path), sb.ctx);
      return JSON.parse(await readFile(join(res.outputDir, 'env.json'), 'utf8')) as Record<
        string,
        string
      >;
    };
    const hidden = await run([]);
    expect(hidden.PLAIN_SETTING).toBe('plain');
    expect(hidden.HF_TOKEN).toBe('hf_named_0007');
    const values = Object.values(hidden).join('\n');
    for (const v of [
      'ghs_from_input',
      'dd_from_input',
      'ghs_from_env',
      'oidc_',
      'prom_',
      'secret_value',
    ]) {
      expect(values).not.toContain(v);
    }
    expect(Object.keys(hidden).filter((k) => k.startsWith('INPUT_'))).toEqual([]);

    mkdirSync(join(sb.dir, 'again'), { recursive: true });
    const named = await run(['GITHUB_TOKEN', 'NOT_SET_ANYWHERE']);
    expect(named.GITHUB_TOKEN).toBe('ghs_from_env_0003');
    expect(named['INPUT_GITHUB-TOKEN']).toBeUndefined();
    expect(sb.ctx.logger.lines).toContain(
      'warning: train.env names NOT_SET_ANYWHERE, but it is not set: the notebook will not see it',
    );
  });
});
