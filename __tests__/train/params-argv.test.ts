import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { engineCommand, escapePapermillPath, type EngineInvocation } from '../../src/train/argv.js';
import { engineEnv, pythonFor, resolveEngine } from '../../src/train/engine.js';
import { notebookParameters, toPapermillYaml, toPythonJson } from '../../src/train/params.js';
import { pythonBin } from '../support/python.js';

const request = {
  notebook: 'train.ipynb',
  parameters: {},
  outputDir: '/w/out',
  championDir: '/w/champion',
  runId: '7',
  modelName: 'churn',
  trigger: 'schedule',
};

describe('notebookParameters', () => {
  it('puts the user parameters first and the contract values last', () => {
    expect(Object.entries(notebookParameters({ lr: 0.1, epochs: 3 }, request))).toEqual([
      ['lr', 0.1],
      ['epochs', 3],
      ['output_dir', '/w/out'],
      ['champion_dir', '/w/champion'],
      ['run_id', '7'],
      ['model_name', 'churn'],
      ['trigger', 'schedule'],
    ]);
  });

  it.each([
    ['output_dir', /set by the action itself/],
    ['run_id', /set by the action itself/],
    ['bad name', /not a valid Python variable name/],
    ['1st', /not a valid Python variable name/],
  ])('refuses the parameter name %j', (name, message) => {
    expect(() => notebookParameters({ [name]: 1 }, request)).toThrow(UserError);
    expect(() => notebookParameters({ [name]: 1 }, request)).toThrow(message);
  });
});

describe('parameter files', () => {
  const values: [string, unknown][] = [
    ['int', 3],
    ['neg', -2],
    ['float', 0.5],
    ['tiny', 1e-7],
    ['big', 1e21],
    ['nan', NaN],
    ['inf', Infinity],
    ['ninf', -Infinity],
    ['str', 'h\u00e9llo "q" \\ \t\n \u{1F600}'],
    ['yaml11_bool_word', 'off'],
    ['yes', 'yes'],
    ['date', '2024-01-02'],
    ['numeric_string', '42'],
    ['empty', ''],
    ['none', null],
    ['flag', false],
    ['list', [1, 'two', 3.5, null, true]],
    ['nested', { a: { 'k y': [1e-3], b: 'null' } }],
  ];

  it.each([
    [{ a: 1.5, b: 'x' }, '{"a": !!float 1.5, "b": "x"}\n'],
    [{ a: [NaN, -Infinity] }, '{"a": [.nan, -.inf]}\n'],
    [{ a: 10 }, '{"a": 10}\n'],
  ])('YAML for papermill: %j', (params, yaml) => {
    expect(toPapermillYaml(params)).toBe(yaml);
  });

  it.each([
    [{ a: NaN, b: [Infinity, -Infinity] }, '{"a": NaN, "b": [Infinity, -Infinity]}'],
    [{ a: 'x', b: null }, '{"a": "x", "b": null}'],
  ])('JSON for the built-in engine: %j', (params, json) => {
    expect(toPythonJson(params)).toBe(json);
  });

  it("reach Python as the same values through papermill's YAML loader and through json", () => {
    const params = Object.fromEntries(values);
    const script = `
import json, sys, yaml
class NoDatesSafeLoader(yaml.SafeLoader):
    yaml_implicit_resolvers = {k: [r for r in v if r[0] != 'tag:yaml.org,2002:timestamp']
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
a = yaml.load(sys.argv[1], Loader=NoDatesSafeLoader)
b = json.loads(sys.argv[2])
print(json.dumps([[k, repr(v), type(v).__name__] for k, v in a.items()]))
print(json.dumps([[k, repr(v), type(v).__name__] for k, v in b.items()]))
`;
    const r = spawnSync(
      pythonBin(),
      ['-c', script, toPapermillYaml(params), toPythonJson(params)],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    const [fromYaml, fromJson] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(fromYaml).toEqual(fromJson);
    const byName = Object.fromEntries(
      (fromYaml as [string, string, string][]).map(([k, v, t]) => [k, `${t}:${v}`]),
    );
    expect(byName).toMatchObject({
      int: 'int:3',
      tiny: 'float:1e-07',
      big: 'float:1e+21',
      nan: 'float:nan',
      ninf: 'float:-inf',
      yaml11_bool_word: "str:'off'",
      date: "str:'2024-01-02'",
      numeric_string: "str:'42'",
      none: 'NoneType:None',
      flag: 'bool:False',
    });
  });
});

describe('engineCommand', () => {
  const base: EngineInvocation = {
    engine: 'papermill',
    papermill: '/usr/bin/papermill',
    input: '/repo/nb/train.ipynb',
    output: '/report/training/executed.ipynb',
    parametersFile: '/work/train/parameters.yaml',
    cwd: '/repo/nb',
    startTimeoutS: 60,
    stdoutFile: '/report/training/notebook-stdout.txt',
    stderrFile: '/report/training/notebook-stderr.txt',
  };
  const tail = [
    '--start-timeout',
    '60',
    '--log-output',
    '--no-progress-bar',
    '--stdout-file',
    '/report/training/notebook-stdout.txt',
    '--stderr-file',
    '/report/training/notebook-stderr.txt',
  ];

  it.each<[string, Partial<EngineInvocation>, string, string[]]>([
    [
      'papermill, defaults',
      {},
      '/usr/bin/papermill',
      [
        '/repo/nb/train.ipynb',
        '/report/training/executed.ipynb',
        '-f',
        '/work/train/parameters.yaml',
        '--cwd',
        '/repo/nb',
        ...tail,
        '--no-report-mode',
        '--request-save-on-cell-execute',
      ],
    ],
    [
      'papermill with kernel and a fractional cell timeout (rounded up)',
      { kernel: 'py-gpu', cellTimeoutS: 90.5, startTimeoutS: 0.2 },
      '/usr/bin/papermill',
      [
        '/repo/nb/train.ipynb',
        '/report/training/executed.ipynb',
        '-f',
        '/work/train/parameters.yaml',
        '-k',
        'py-gpu',
        '--cwd',
        '/repo/nb',
        '--execution-timeout',
        '91',
        '--start-timeout',
        '1',
        ...tail.slice(2),
        '--no-report-mode',
        '--request-save-on-cell-execute',
      ],
    ],
    [
      'papermill in a configured interpreter, braces in paths doubled',
      { papermill: '/opt/py/bin/python', viaPython: true, input: '/repo/{nb}/t.ipynb' },
      '/opt/py/bin/python',
      [
        '-m',
        'papermill',
        '/repo/{{nb}}/t.ipynb',
        '/report/training/executed.ipynb',
        '-f',
        '/work/train/parameters.yaml',
        '--cwd',
        '/repo/nb',
        ...tail,
        '--no-report-mode',
        '--request-save-on-cell-execute',
      ],
    ],
    [
      'built-in engine: same options, paths verbatim, zero cell timeout means none',
      {
        engine: 'nbclient',
        python: '/usr/bin/python3',
        driver: '/work/train/nbclient_engine.py',
        input: '/repo/{nb}/t.ipynb',
        parametersFile: '/work/train/parameters.json',
        cellTimeoutS: 0,
      },
      '/usr/bin/python3',
      [
        '-u',
        '/work/train/nbclient_engine.py',
        '/repo/{nb}/t.ipynb',
        '/report/training/executed.ipynb',
        '-f',
        '/work/train/parameters.json',
        '--cwd',
        '/repo/nb',
        ...tail,
      ],
    ],
  ])('%s', (_name, over, command, args) => {
    expect(engineCommand({ ...base, ...over })).toEqual({ command, args });
  });

  it.each([
    ['/a/b.ipynb', '/a/b.ipynb'],
    ['/a/{x}/b.ipynb', '/a/{{x}}/b.ipynb'],
    ['/a/}{.ipynb', '/a/}}{{.ipynb'],
  ])('escapePapermillPath(%j)', (input, out) => {
    expect(escapePapermillPath(input)).toBe(out);
  });
});

describe('engine selection', () => {
  const found = () => '/usr/local/bin/papermill';
  const missing = () => null;
  it.each<
    [
      string,
      { engine: 'auto' | 'papermill' | 'nbclient'; python?: string },
      NodeJS.ProcessEnv,
      () => string | null,
      unknown,
    ]
  >([
    [
      'auto with papermill on PATH',
      { engine: 'auto' },
      {},
      found,
      { engine: 'papermill', papermill: '/usr/local/bin/papermill', viaPython: false },
    ],
    [
      'auto without papermill',
      { engine: 'auto' },
      {},
      missing,
      { engine: 'nbclient', python: 'python3' },
    ],
    [
      'auto without papermill, env interpreter',
      { engine: 'auto' },
      { MODEL_RETRAIN_PYTHON: '/opt/py' },
      missing,
      { engine: 'nbclient', python: '/opt/py' },
    ],
    [
      'nbclient, train.python wins over env',
      { engine: 'nbclient', python: '/cfg/py' },
      { MODEL_RETRAIN_PYTHON: '/opt/py' },
      found,
      { engine: 'nbclient', python: '/cfg/py' },
    ],
    [
      'papermill via train.python',
      { engine: 'papermill', python: '/cfg/py' },
      {},
      missing,
      { engine: 'papermill', papermill: '/cfg/py', viaPython: true },
    ],
  ])('%s', (_n, config, env, lookup, expected) => {
    expect(resolveEngine(config, env, lookup)).toEqual(expected);
  });

  it('papermill asked for but absent is a user error with the fix', () => {
    expect(() => resolveEngine({ engine: 'papermill' }, {}, missing)).toThrow(
      /train\.engine is papermill but no `papermill` is on PATH.*train\.engine: nbclient/,
    );
  });

  it('pythonFor falls back to python3', () => {
    expect(pythonFor({}, {})).toBe('python3');
  });

  it('the notebook does not see the action inputs or runner tokens', () => {
    const env = engineEnv({
      PATH: '/bin',
      'INPUT_GITHUB-TOKEN': 'ghs_secret',
      INPUT_MODE: 'full',
      ACTIONS_RUNTIME_TOKEN: 'tok',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'tok2',
      AWS_REGION: 'eu-west-1',
    });
    expect(env).toEqual({
      PATH: '/bin',
      AWS_REGION: 'eu-west-1',
      PYTHONUNBUFFERED: '1',
      PYDEVD_DISABLE_FILE_VALIDATION: '1',
    });
  });
});
