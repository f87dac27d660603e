/**
 * Types kept: every type a config's train.parameters can hold, through the YAML config, the
 * papermill parameters file and the built-in engine, compared with papermill's own injection
 * (recorded in __tests__/fixtures/papermill-types, and papermill itself when it is on PATH).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { which } from '../../src/train/engine.js';
import { runTraining } from '../../src/train/index.js';
import { parseJsonLenient, readNotebook } from '../../src/train/notebook.js';
import { toPapermillYaml, toPythonJson } from '../../src/train/params.js';
import { pythonBin, repoRoot } from '../support/python.js';
import { notebooks, sandbox, type Sandbox } from './helpers.js';

const fixtureDir = resolve(repoRoot, '__tests__/fixtures/papermill-types');
const tableYaml = readFileSync(join(fixtureDir, 'parameters.yaml'), 'utf8');

/** The Python each row must become. Where the config's YAML 1.2 and papermill's YAML 1.1 read the
 * source differently, the config's reading wins (the `diff_` rows; papermill's shown beside). */
const TABLE: [name: string, python: string, papermillReads?: string][] = [
  ['float_one', '1.0'],
  ['float_four', '4.0'],
  ['float_neg_zero', '-0.0'],
  ['float_zero', '0.0'],
  ['float_half', '0.5'],
  ['float_neg', '-2.5'],
  ['float_exp_signed', '1000.0'],
  ['float_small', '0.0001'],
  ['float_inf', "float('inf')"],
  ['float_neg_inf', "float('-inf')"],
  ['float_nan', "float('nan')"],
  ['float_tagged', '3.0'],
  ['int_zero', '0'],
  ['int_one', '1'],
  ['int_neg', '-7'],
  ['int_big', '123456789'],
  ['int_tagged', '12'],
  ['str_plain', '"hello"'],
  ['str_float_like', '"1.0"'],
  ['str_int_like', '"3"'],
  ['str_empty', '""'],
  ['str_unicode', String.raw`"h\xe9llo \"q\" \\ tab"`],
  ['str_date', '"2024-01-02"'],
  ['str_null_like', '"null"'],
  ['bool_true', 'True'],
  ['bool_false', 'False'],
  ['null_word', 'None'],
  ['null_tilde', 'None'],
  ['list_mixed', '[1, 2.0, "a", None, True, -0.0]'],
  ['list_empty', '[]'],
  ['map_nested', '{"a": 1.0, "b": [0.0, 2], "c": {"d": "x", "e": False}}'],
  ['map_empty', '{}'],
  ['diff_exp_unsigned', '0.001', '"1e-3"'],
  ['diff_yes', '"yes"', 'True'],
  ['diff_off', '"off"', 'False'],
  ['diff_underscore', '"1_000"', '1000'],
];

const configText = `model:
  name: types
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
${tableYaml
  .split('\n')
  .map((l) => (l ? `    ${l}` : l))
  .join('\n')}
validate:
  primary: accuracy
  metrics:
    accuracy: { direction: higher }
publish:
  registry: registry
`;

/** name → Python literal, from an injected `# Parameters` cell. */
function assignments(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of source.split('\n').slice(1)) {
    const m = /^(\w+) = (.*)$/.exec(line);
    if (m) out.set(m[1] as string, m[2] as string);
  }
  return out;
}

function injectedCell(notebookText: string): string {
  const nb = readNotebook(parseJsonLenient(notebookText));
  const cell = nb.cells.find((c) => c.tags.includes('injected-parameters'));
  if (!cell) throw new Error('no injected-parameters cell');
  return cell.source;
}

const dir = mkdtempSync(join(tmpdir(), 'mra-types-'));
const config = parseConfig(configText, join(notebooks, 'model-retrain.yml'), notebooks);
const jsonFile = join(dir, 'parameters.json');
const yamlFile = join(dir, 'parameters.yaml');
writeFileSync(jsonFile, toPythonJson(config.train.parameters));
writeFileSync(yamlFile, toPapermillYaml(config.train.parameters));
// The built-in engine's own reading of both files (its read_parameters + codify).
const [engineJson, engineYaml] = (
  JSON.parse(
    execFileSync(
      pythonBin(),
      [join(repoRoot, '__tests__/train/python/inject.py'), jsonFile, yamlFile],
      {
        encoding: 'utf8',
      },
    ),
  ) as string[]
).map(assignments) as [Map<string, string>, Map<string, string>];
const recorded = assignments(
  injectedCell(readFileSync(join(fixtureDir, 'papermill-prepared.ipynb'), 'utf8')),
);
const papermill = process.env.MODEL_RETRAIN_PAPERMILL || which('papermill', process.env.PATH);

describe('parameter types, config → notebook', () => {
  it('the table covers every row of the recorded run, in its order', () => {
    expect(TABLE.map(([n]) => n)).toEqual([...recorded.keys()]);
    expect(Object.keys(config.train.parameters)).toEqual([...recorded.keys()]);
  });

  it.each(TABLE)('%s becomes %s', (name, python, papermillReads) => {
    // papermill -f on the same YAML (recorded real run).
    expect(recorded.get(name)).toBe(papermillReads ?? python);
    // Built-in engine: the JSON file the action writes for it.
    expect(engineJson.get(name)).toBe(python);
    // papermill engine: the YAML file the action writes for it, read with papermill's loader.
    expect(engineYaml.get(name)).toBe(python);
  });

  it.skipIf(!papermill)('papermill itself injects the same from the file the action writes', () => {
    const out = join(dir, 'live.ipynb');
    const nb = join(fixtureDir, 'notebook.ipynb');
    execFileSync(papermill as string, ['--prepare-only', nb, out, '-f', yamlFile], {
      stdio: 'ignore',
    });
    const live = assignments(injectedCell(readFileSync(out, 'utf8')));
    expect(Object.fromEntries(live)).toEqual(Object.fromEntries(TABLE.map(([n, p]) => [n, p])));
    // And the recording still matches papermill on the raw table.
    execFileSync(
      papermill as string,
      ['--prepare-only', nb, out, '-f', join(fixtureDir, 'parameters.yaml')],
      {
        stdio: 'ignore',
      },
    );
    expect(assignments(injectedCell(readFileSync(out, 'utf8')))).toEqual(recorded);
  });
});

describe('parameter types in a real kernel (built-in engine)', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await sandbox();
  });
  afterEach(async () => {
    await sb.cleanup();
  });

  it('the executed notebook gets every row as the table says', async () => {
    const res = await runTraining(
      sb.config({ parameters: config.train.parameters }),
      sb.request('train-outputs.ipynb'),
      sb.ctx,
    );
    const injected = assignments(injectedCell(await readFile(res.executedNotebook, 'utf8')));
    for (const [name, python] of TABLE)
      expect(`${name} = ${injected.get(name)}`).toBe(`${name} = ${python}`);
  });
});
