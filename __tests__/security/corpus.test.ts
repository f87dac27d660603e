import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { exampleConfig, makeWorkspace } from '../e2e/workspace.js';
import { runAction } from '../support/action.js';
import { annotationLine, filesUnder, runCli, STACK } from './harness.js';

/**
 * The bad-input corpus, through the bundle: configs, metrics files, event payloads, inputs,
 * notebook outputs and CLI arguments. Each case asserts the exit code, a message naming the field
 * or file (and line where there is one), no stack trace, no hang (every run has a deadline), and
 * that nothing reached the registry — not a version, not even a claim.
 */

interface Case {
  name: string;
  /** The config text; default the example config. */
  config?: string;
  files?: Record<string, string | Buffer>;
  /** Links, FIFOs, folders: what files cannot express. */
  setup?: (ws: string) => void;
  inputs?: Record<string, string>;
  event?: string;
  payload?: Record<string, unknown>;
  /** Raw text of the event payload file (invalid JSON). */
  eventText?: string;
  /** Through the CLI with these arguments instead of the action. */
  cli?: string[];
  code: number;
  message: RegExp;
  /** The annotation's line (action cases). */
  line?: number;
}

// Without the serving check, so the lines below stay where this corpus names them.
const base = exampleConfig({ smoke: null });
/** The example config with `from` replaced (which must be there). */
function cfg(from: string, to: string, text = base): string {
  if (!text.includes(from)) throw new Error(`corpus: "${from}" not in the config`);
  return text.replace(from, to);
}
const FILE = /model-retrain\.yml/;
const at = (line: number, rest: string) =>
  new RegExp(`model-retrain\\.yml:${line}: ${rest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
const metricsAt = (path: string) =>
  cfg('path: examples/reviews/metrics/healthy.csv', `path: ${path}`);

/** A notebook that runs `code` after the parameters cell (output_dir is injected). */
function notebook(code: string): string {
  const cell = (src: string, tags: string[] = []) => ({
    cell_type: 'code',
    execution_count: null,
    metadata: { tags },
    outputs: [],
    source: src,
  });
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    cells: [cell('output_dir = "out"', ['parameters']), cell(code)],
  });
}
const GOOD_METRICS = `import json, os
os.makedirs(os.path.join(output_dir, "model"), exist_ok=True)
open(os.path.join(output_dir, "model", "weights.bin"), "wb").write(b"w" * 64)
json.dump({"challenger": {"accuracy": 0.9, "f1_macro": 0.9}}, open(os.path.join(output_dir, "metrics.json"), "w"))
`;
const notebookCase = (name: string, code: string, message: RegExp): Case => ({
  name,
  config: cfg('notebook: examples/reviews/train.ipynb', 'notebook: nb/case.ipynb'),
  files: {
    'nb/case.ipynb': notebook(
      `${GOOD_METRICS}\nimport os\nm = os.path.join(output_dir, "model")\n${code}`,
    ),
  },
  inputs: { mode: 'full', force: 'true' },
  code: 1,
  message,
});

const csv = (rows: string[]) => ['timestamp,confidence', ...rows].join('\n') + '\n';
const now = Date.now();
const ts = (i: number) => new Date(now - i * 60_000).toISOString();
const goodRows = Array.from({ length: 60 }, (_, i) => `${ts(i)},0.9`);
const bigKeys = (n: number) => Array.from({ length: n }, (_, i) => `  k${i}: 1`).join('\n');

const configCases: Case[] = [
  {
    name: 'unknown top-level key',
    config: base + 'extra: 1\n',
    code: 1,
    message: at(40, 'unknown key "extra"'),
    line: 40,
  },
  {
    name: 'unknown nested key',
    config: cfg('gate:\n', 'gate:\n  treshold: 3\n'),
    code: 1,
    message: at(14, 'gate: unknown key "treshold"'),
    line: 14,
  },
  {
    name: 'wrong type',
    config: cfg('min_samples: 30', 'min_samples: many'),
    code: 1,
    message: at(14, 'gate.min_samples'),
    line: 14,
  },
  {
    name: '.nan threshold',
    config: cfg('warn: 0.8', 'warn: .nan'),
    code: 1,
    message: at(20, 'gate.checks[0].warn: NaN is not a finite number'),
    line: 20,
  },
  {
    name: '.inf threshold',
    config: cfg('alert: 0.7', 'alert: .inf'),
    code: 1,
    message: at(21, 'gate.checks[0].alert: Infinity is not a finite number'),
    line: 21,
  },
  {
    name: '-.inf threshold',
    config: cfg('alert: 0.7', 'alert: -.Inf'),
    code: 1,
    message: at(21, 'gate.checks[0].alert: -Infinity'),
    line: 21,
  },
  {
    name: '1e999 threshold',
    config: cfg('warn: 0.8', 'warn: 1e999'),
    code: 1,
    message: at(20, 'gate.checks[0].warn: Infinity'),
    line: 20,
  },
  {
    name: '.NaN floor',
    config: cfg('floor: 0.6', 'floor: .NaN'),
    code: 1,
    message: at(33, 'validate.metrics.accuracy.floor: NaN'),
    line: 33,
  },
  {
    name: '.nan min_samples',
    config: cfg('min_samples: 30', 'min_samples: .nan'),
    code: 1,
    message: at(14, 'gate.min_samples: NaN'),
    line: 14,
  },
  {
    // .inf is a Python float a notebook may take; a contract name is not.
    name: 'notebook parameter named like a contract one',
    config: cfg('n_train: 600', 'output_dir: /tmp/x'),
    code: 1,
    message: at(27, 'train.parameters.output_dir: "output_dir" is set by the action itself'),
    line: 27,
  },
  {
    name: 'duplicate top-level key',
    config: base + 'gate: {}\n',
    code: 1,
    message: at(40, 'duplicate key "gate" (first on line 13)'),
    line: 40,
  },
  {
    name: 'duplicate nested key',
    config: cfg('  min_samples: 30\n', '  min_samples: 30\n  min_samples: 40\n'),
    code: 1,
    message: at(15, 'duplicate key "min_samples" (first on line 14)'),
    line: 15,
  },
  {
    name: 'alias bomb',
    config: [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...'bcdefghi'
        .split('')
        .map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
    ].join('\n'),
    code: 1,
    message: at(2, 'YAML aliases expand too far'),
    line: 2,
  },
  {
    name: 'more than 100 aliases',
    config: ['a: &a 1', ...Array.from({ length: 101 }, (_, i) => `b${i}: *a`)].join('\n'),
    code: 1,
    message: at(102, 'more than 100 YAML aliases'),
    line: 102,
  },
  {
    name: 'a 300 000-key config',
    config: `model:\n  name: m\nextra:\n${bigKeys(300_000)}\n`,
    code: 1,
    message: /model-retrain\.yml: the config file is \d+ bytes; a config is at most 1048576 bytes/,
  },
  {
    name: 'an 80 000-key config with a duplicate at the end',
    config: `model:\n  name: m\nextra:\n${bigKeys(80_000)}\n  k5: 2\n`,
    code: 1,
    message: at(80004, 'duplicate key "k5" (first on line 9)'),
    line: 80004,
  },
  {
    name: 'config over 1 MiB',
    config: base + `# ${'x'.repeat(1_100_000)}\n`,
    code: 1,
    message: /model-retrain\.yml: the config file is \d+ bytes/,
  },
  {
    name: 'config path is a directory',
    inputs: { config: '.github' },
    code: 1,
    message: /config: \.github is a directory/,
  },
  {
    name: 'config path missing',
    inputs: { config: 'nope.yml' },
    code: 1,
    message: /config: file nope\.yml not found/,
  },
  {
    name: 'invalid YAML: unclosed flow map',
    config: cfg('current: { duration: 1d }', 'current: { duration: 1d'),
    code: 1,
    message: /model-retrain\.yml:\d+: invalid YAML/,
  },
  {
    name: 'invalid YAML: tab indentation',
    config: cfg('  source: file', '\tsource: file'),
    code: 1,
    message: /model-retrain\.yml:4: invalid YAML/,
    line: 4,
  },
  {
    name: 'two YAML documents',
    config: base + '---\nmodel: {name: x}\n',
    code: 1,
    message: /model-retrain\.yml:\d+: invalid YAML/,
  },
  {
    name: 'empty config',
    config: '',
    code: 1,
    message:
      /model-retrain\.yml: \(top level\): missing required key "model"|model-retrain\.yml.*missing required key "model"/,
  },
  {
    name: 'config is a scalar',
    config: 'hello\n',
    code: 1,
    message: /model-retrain\.yml.*must be object/,
  },
  {
    name: 'config is a list',
    config: '- a\n- b\n',
    code: 1,
    message: /model-retrain\.yml.*must be object/,
  },
  { name: 'binary garbage', config: '\u0000\u0001\u0002\u00ff\u00fe', code: 1, message: FILE },
  {
    name: 'model name ..',
    config: cfg('name: reviews', 'name: ".."'),
    code: 1,
    message: at(2, 'model.name'),
    line: 2,
  },
  {
    name: 'model name .prod',
    config: cfg('name: reviews', 'name: .prod'),
    code: 1,
    message: at(2, 'model.name'),
    line: 2,
  },
  {
    name: 'model name with a path',
    config: cfg('name: reviews', 'name: a/../b'),
    code: 1,
    message: at(2, 'model.name'),
    line: 2,
  },
  {
    name: 'model name with a newline',
    config: cfg('name: reviews', 'name: "a\\n::error::x"'),
    code: 1,
    message: at(2, 'model.name'),
    line: 2,
  },
  {
    name: 'model name too long',
    config: cfg('name: reviews', `name: ${'a'.repeat(120)}`),
    code: 1,
    message: at(2, 'model.name'),
    line: 2,
  },
  {
    name: 'alias ..',
    config: cfg('alias: production', 'alias: ".."'),
    code: 1,
    message: at(37, 'publish.alias'),
    line: 37,
  },
  {
    name: 'alias .prod',
    config: cfg('alias: production', 'alias: .prod'),
    code: 1,
    message: at(37, 'publish.alias'),
    line: 37,
  },
  {
    name: 'alias with a slash',
    config: cfg('alias: production', 'alias: prod/x'),
    code: 1,
    message: at(37, 'publish.alias'),
    line: 37,
  },
  {
    name: 'alias with a backslash',
    config: cfg('alias: production', 'alias: "..\\\\x"'),
    code: 1,
    message: at(37, 'publish.alias'),
    line: 37,
  },
  {
    name: 'alias with a newline',
    config: cfg('alias: production', 'alias: "p\\n::add-mask::x"'),
    code: 1,
    message: at(37, 'publish.alias'),
    line: 37,
  },
  {
    name: 'registry s3:/bucket',
    config: cfg('registry: registry', 'registry: s3:/bucket/models'),
    code: 1,
    message: at(36, 'publish.registry: "s3:/bucket/models" is not an S3 URI'),
    line: 36,
  },
  {
    name: 'registry S3://',
    config: cfg('registry: registry', 'registry: S3://bucket/models'),
    code: 1,
    message: at(36, 'publish.registry: "S3://bucket/models" is not an S3 URI'),
    line: 36,
  },
  {
    name: 'registry bad bucket',
    config: cfg('registry: registry', 'registry: s3://Bad_Bucket/x'),
    code: 1,
    message: at(36, 'publish.registry: "s3://Bad_Bucket/x"'),
    line: 36,
  },
  {
    name: 'registry s3 with ..',
    config: cfg('registry: registry', 'registry: s3://bucket/a/../b'),
    code: 1,
    message: at(36, 'publish.registry'),
    line: 36,
  },
  {
    name: 'registry s3:// empty',
    config: cfg('registry: registry', 'registry: "s3://"'),
    code: 1,
    message: at(36, 'publish.registry'),
    line: 36,
  },
  {
    name: 'registry gs://',
    config: cfg('registry: registry', 'registry: gs://bucket/x'),
    code: 1,
    message: at(36, 'publish.registry: "gs://bucket/x" is not supported'),
    line: 36,
  },
  {
    name: 'registry http://',
    config: cfg('registry: registry', 'registry: http://host/x'),
    code: 1,
    message: at(36, 'publish.registry'),
    line: 36,
  },
  {
    name: 'registry file://',
    config: cfg('registry: registry', 'registry: file:///tmp/x'),
    code: 1,
    message: at(36, 'publish.registry'),
    line: 36,
  },
  {
    name: 'registry s3: no slash',
    config: cfg('registry: registry', 'registry: "s3:bucket"'),
    code: 1,
    message: at(36, 'publish.registry'),
    line: 36,
  },
  {
    name: 'triton repository s3:/x',
    config: cfg(
      'alias: production',
      'alias: production\n  layout: triton\n  triton:\n    repository: s3:/x',
    ),
    code: 1,
    message: at(40, 'publish.triton.repository'),
    line: 40,
  },
  {
    name: 'triton model_name ..',
    config: cfg(
      'alias: production',
      'alias: production\n  layout: triton\n  triton:\n    repository: triton\n    model_name: ".."',
    ),
    code: 1,
    message: at(41, 'publish.triton.model_name'),
    line: 41,
  },
  {
    name: 'notebook missing',
    config: cfg('notebook: examples/reviews/train.ipynb', 'notebook: nb/missing.ipynb'),
    code: 1,
    message: at(23, 'train.notebook: notebook nb/missing.ipynb not found'),
    line: 23,
  },
  {
    name: 'notebook not .ipynb',
    config: cfg('notebook: examples/reviews/train.ipynb', 'notebook: train.py'),
    code: 1,
    message: at(23, 'train.notebook'),
    line: 23,
  },
  {
    name: 'unknown series in a check',
    config: cfg('series: confidence\n', 'series: latency\n'),
    code: 1,
    message: at(17, 'gate.checks[0].series: unknown series "latency"'),
    line: 17,
  },
  {
    name: 'source without its section',
    config: cfg('source: file', 'source: prometheus'),
    code: 1,
    message: /model-retrain\.yml:\d+: metrics/,
  },
  {
    name: 'webhook ftp://',
    config: base + 'report:\n  notify:\n    webhook:\n      url: ftp://x/y\n',
    code: 1,
    message: at(43, 'report.notify.webhook.url'),
    line: 43,
  },
  {
    name: 'timeout forever',
    config: cfg('timeout: 5m', 'timeout: forever'),
    code: 1,
    message: at(25, 'train.timeout'),
    line: 25,
  },
  {
    name: 'merge key',
    config: cfg('gate:\n', 'gate:\n  <<: {min_samples: 5}\n'),
    code: 1,
    message: at(14, 'gate: unknown key "<<"'),
    line: 14,
  },
  {
    name: 'deeply nested flow sequence',
    config: base + `extra: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
    code: 1,
    message: FILE,
  },
  {
    name: 'string where a number is expected',
    config: cfg('warn: 0.8', 'warn: "0.8"'),
    code: 1,
    message: at(20, 'gate.checks[0].warn'),
    line: 20,
  },
];

const metricsCases: Case[] = [
  {
    name: 'corrupt gzip CSV',
    config: metricsAt('m.csv.gz'),
    files: {
      'm.csv.gz': Buffer.concat([gzipSync(csv(goodRows)).subarray(0, 12), Buffer.alloc(40, 7)]),
    },
    code: 1,
    message: /m\.csv\.gz: not a readable gzip file/,
  },
  {
    name: 'truncated gzip CSV',
    config: metricsAt('m.csv.gz'),
    files: { 'm.csv.gz': gzipSync(csv(goodRows)).subarray(0, 30) },
    code: 1,
    message: /m\.csv\.gz: not a readable gzip file/,
  },
  {
    name: 'plain text named .gz',
    config: metricsAt('m.csv.gz'),
    files: { 'm.csv.gz': csv(goodRows) },
    code: 1,
    message: /m\.csv\.gz: not a readable gzip file/,
  },
  {
    name: 'corrupt gzip JSON',
    config: metricsAt('m.json.gz'),
    files: { 'm.json.gz': Buffer.from('1f8b0800000000000003ffff', 'hex') },
    code: 1,
    message: /m\.json\.gz: not a readable gzip file/,
  },
  {
    name: 'corrupt gzip JSONL',
    config: metricsAt('m.jsonl.gz'),
    files: {
      'm.jsonl.gz': Buffer.concat([
        Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
        Buffer.alloc(100, 0xff),
      ]),
    },
    code: 1,
    message: /m\.jsonl\.gz: not a readable gzip file/,
  },
  {
    name: 'CSV without the timestamp column',
    config: metricsAt('m.csv'),
    files: { 'm.csv': 'time,confidence\n1,2\n' },
    code: 1,
    message: /m\.csv:1: no "timestamp" column/,
    line: 1,
  },
  {
    name: 'CSV with a bad timestamp',
    config: metricsAt('m.csv'),
    files: { 'm.csv': csv([...goodRows.slice(0, 3), 'yesterday,0.5']) },
    code: 1,
    message: /m\.csv:5: timestamp "yesterday"/,
    line: 5,
  },
  {
    name: 'CSV with a word for a number',
    config: metricsAt('m.csv'),
    files: { 'm.csv': csv([...goodRows.slice(0, 2), `${ts(3)},high`]) },
    code: 1,
    message: /m\.csv:4: "confidence" holds "high", not a number/,
    line: 4,
  },
  {
    name: 'CSV with an unterminated quote',
    config: metricsAt('m.csv'),
    files: { 'm.csv': csv([`${ts(1)},"0.5`]) },
    code: 1,
    message: /m\.csv:2: unterminated quote/,
    line: 2,
  },
  {
    name: 'empty CSV',
    config: metricsAt('m.csv'),
    files: { 'm.csv': '' },
    code: 1,
    message: /m\.csv: the file is empty/,
  },
  {
    name: 'JSON that is not an array',
    config: metricsAt('m.json'),
    files: { 'm.json': '{"timestamp": 1}' },
    code: 1,
    message: /m\.json: expected a JSON array/,
  },
  {
    name: 'JSON syntax error',
    config: metricsAt('m.json'),
    files: { 'm.json': '[\n{"timestamp": 1,\n' },
    code: 1,
    message: /m\.json:\d+: not valid JSON/,
  },
  {
    name: 'JSONL bad line',
    config: metricsAt('m.jsonl'),
    files: { 'm.jsonl': `{"timestamp":"${ts(1)}","confidence":0.5}\n{oops\n` },
    code: 1,
    message: /m\.jsonl:2: not valid JSON/,
    line: 2,
  },
  {
    name: 'JSONL record not an object',
    config: metricsAt('m.jsonl'),
    files: { 'm.jsonl': '[1,2]\n' },
    code: 1,
    message: /m\.jsonl:1: expected a JSON object per record/,
    line: 1,
  },
  {
    name: 'metrics path is a directory',
    config: metricsAt('data.csv'),
    setup: (ws) => mkdirSync(join(ws, 'data.csv')),
    code: 1,
    message: /metrics\.file\.path: the folder "data\.csv" holds no \.parquet files/,
  },
  {
    name: 'metrics path is a folder without Parquet files',
    config: metricsAt('examples'),
    code: 1,
    message: /metrics\.file\.path: the folder "examples" holds no \.parquet files/,
  },
  {
    name: 'metrics path missing',
    config: metricsAt('nope.csv'),
    code: 1,
    message: /metrics\.file\.path: "nope\.csv" is not a readable file/,
  },
  {
    name: 'metrics format unknown',
    config: metricsAt('m.txt'),
    files: { 'm.txt': 'x' },
    code: 1,
    message: /metrics\.file\.format: cannot tell the format of "m\.txt"/,
  },
  {
    name: 'NUL bytes in CSV',
    config: metricsAt('m.csv'),
    files: { 'm.csv': csv([`${ts(1)},\u0000\u0000`]) },
    code: 1,
    message: /m\.csv:2: "confidence" holds/,
    line: 2,
  },
];

/** Bad data that is reported but does not fail: mode check, exit 0, a warning naming file and line. */
const warningCases: Case[] = [
  {
    name: 'absurd magnitude 1e308',
    config: metricsAt('m.csv'),
    files: { 'm.csv': csv([...goodRows, `${ts(61)},1e308`]) },
    inputs: { mode: 'check' },
    code: 0,
    message: /m\.csv:62: 1 value\(s\) beyond ±1000000000000000 \(first: "confidence" = 1e\+308\)/,
  },
  {
    name: 'repeated rows',
    config: metricsAt('m.csv'),
    files: { 'm.csv': csv([...goodRows, ...goodRows.slice(0, 5)]) },
    inputs: { mode: 'check' },
    code: 0,
    message:
      /m\.csv:62: 5 row\(s\) repeat an earlier row exactly \(first: line 62 repeats line 2\)/,
  },
];

const eventCases: Case[] = [
  {
    name: 'event payload not JSON',
    eventText: '{"inputs": ',
    code: 1,
    message: /the event payload .*event-bad\.json is not valid JSON/,
  },
  {
    name: 'unknown Datadog transition',
    event: 'repository_dispatch',
    payload: { action: 'model-alert', client_payload: { transition: 'Exploded', title: 'x' } },
    code: 1,
    message: /client_payload\.transition: unknown Datadog alert transition "Exploded"/,
  },
  {
    name: 'dispatch inputs: unknown transition',
    event: 'workflow_dispatch',
    payload: { inputs: { transition: 'Boom' } },
    code: 1,
    message: /inputs\.transition: unknown Datadog alert transition "Boom"/,
  },
  {
    name: 'dispatch with a hostile transition',
    event: 'repository_dispatch',
    payload: { action: 'x', client_payload: { transition: 'a\n::error::pwned' } },
    code: 1,
    message: /client_payload\.transition: unknown Datadog alert transition/,
  },
];

const inputCases: Case[] = [
  {
    name: 'mode bogus',
    inputs: { mode: 'bogus' },
    code: 1,
    message: /input "mode": expected one of check, retrain, full, rollback, plan, got "bogus"/,
  },
  {
    name: 'force maybe',
    inputs: { force: 'maybe' },
    code: 1,
    message: /input "force": expected true or false, got "maybe"/,
  },
  {
    name: 'dry-run perhaps',
    inputs: { 'dry-run': 'perhaps' },
    code: 1,
    message: /input "dry-run": expected true or false/,
  },
  {
    name: 'rollback-to abc',
    inputs: { mode: 'rollback', 'rollback-to': 'abc' },
    code: 1,
    message: /input "rollback-to": expected a version number/,
  },
  {
    name: 'rollback-to -1',
    inputs: { mode: 'rollback', 'rollback-to': '-1' },
    code: 1,
    message: /input "rollback-to": expected a version number/,
  },
  {
    name: 'rollback-to with mode full',
    inputs: { mode: 'full', 'rollback-to': '2' },
    code: 1,
    message: /input "rollback-to" is set but mode is "full"/,
  },
  {
    name: 'gate-decision maybe',
    inputs: { mode: 'retrain', 'gate-decision': 'maybe' },
    code: 1,
    message: /input "gate-decision": expected skip, warn or retrain/,
  },
  {
    name: 'mode with a newline',
    inputs: { mode: 'check\n::error::pwned' },
    code: 1,
    message: /input "mode": expected one of/,
  },
];

const cliCases: Case[] = [
  {
    name: 'cli: unknown option',
    cli: ['--bogus'],
    code: 2,
    message: /^error: unknown option --bogus\nusage: model-retrain /m,
  },
  {
    name: 'cli: option without its value',
    cli: ['--mode'],
    code: 2,
    message: /^error: option --mode needs a value \(--mode VALUE\)\nusage: model-retrain /m,
  },
  { name: 'cli: unknown command', cli: ['publish'], code: 2, message: /unknown command "publish"/ },
  {
    name: 'cli: verify without a number',
    cli: ['verify', 'abc'],
    code: 1,
    message: /verify: give the version number/,
  },
  {
    name: 'cli: cleanup --grace forever',
    cli: ['cleanup', '--grace', 'forever'],
    code: 1,
    message: /--grace/,
  },
  {
    name: 'cli: --mode bogus',
    cli: ['--mode', 'bogus'],
    code: 1,
    message: /input "mode": expected one of/,
  },
  {
    name: 'cli: --rollback-to x',
    cli: ['--mode', 'rollback', '--rollback-to', 'x'],
    code: 1,
    message: /input "rollback-to"/,
  },
  {
    name: 'cli: --payload not JSON',
    cli: ['--payload', 'bad.json'],
    files: { 'bad.json': '{oops' },
    code: 1,
    message: /the event payload .*bad\.json is not valid JSON/,
  },
  {
    name: 'cli: --config a directory',
    cli: ['--config', '.github'],
    code: 1,
    message: /config: \.github is a directory/,
  },
  {
    name: 'cli: --config with .nan',
    cli: [],
    config: cfg('warn: 0.8', 'warn: .nan'),
    code: 1,
    message: at(20, 'gate.checks[0].warn: NaN is not a finite number'),
  },
  {
    name: 'cli: registry s3:/x',
    cli: ['verify', '1'],
    config: cfg('registry: registry', 'registry: s3:/x'),
    code: 1,
    message: at(36, 'publish.registry'),
  },
];

const notebookCases: Case[] = [
  notebookCase(
    'model file is a symlink outside',
    'os.symlink("/etc/passwd", os.path.join(m, "passwd"))',
    /the model folder holds a symlink: passwd -> \/etc\/passwd/,
  ),
  notebookCase(
    'model file is a symlink inside',
    'os.symlink("weights.bin", os.path.join(m, "alias.bin"))',
    /the model folder holds a symlink: alias\.bin -> weights\.bin/,
  ),
  notebookCase(
    'symlinked folder in model',
    'os.symlink("/etc", os.path.join(m, "etc"))',
    /the model folder holds a symlink: etc -> \/etc/,
  ),
  notebookCase(
    'model folder is a symlink',
    'import shutil\nshutil.move(m, os.path.join(output_dir, "real"))\nos.symlink(os.path.join(output_dir, "real"), m)',
    /the model folder .*model is a symlink/,
  ),
  notebookCase(
    'backslash name',
    'open(os.path.join(m, "x\\\\..\\\\..\\\\evil.txt"), "w").write("x")',
    /the model folder holds a file named "x\\\\\.\.\\\\\.\.\\\\evil\.txt"/,
  ),
  notebookCase(
    'newline in a name',
    'open(os.path.join(m, "a\\nb.txt"), "w").write("x")',
    /the model folder holds a file named "a\\nb\.txt"/,
  ),
  notebookCase(
    'FIFO in model',
    'os.mkfifo(os.path.join(m, "pipe"))',
    /the model folder holds pipe, which is not a regular file/,
  ),
  notebookCase(
    'metrics.json is a symlink',
    'p = os.path.join(output_dir, "metrics.json")\nos.rename(p, p + ".real")\nos.symlink(p + ".real", p)',
    /metrics\.json is a symlink/,
  ),
  notebookCase(
    'metrics.json with NaN',
    'open(os.path.join(output_dir, "metrics.json"), "w").write(\'{"challenger": {"accuracy": NaN, "f1_macro": 0.9}}\')',
    /metrics\.json/,
  ),
];

const cases: Case[] = [
  ...configCases,
  ...metricsCases,
  ...warningCases,
  ...eventCases,
  ...inputCases,
  ...cliCases,
  ...notebookCases,
];

describe('bad-input corpus through the bundle', () => {
  it('has at least 100 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  it.concurrent.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const ws = makeWorkspace(c.config ?? base, {});
    for (const [path, data] of Object.entries(c.files ?? {})) {
      mkdirSync(join(ws, path, '..'), { recursive: true });
      writeFileSync(join(ws, path), data);
    }
    c.setup?.(ws);
    let text: string;
    let code: number | null;
    let stack: string;
    if (c.cli) {
      const res = await runCli(['--root', ws, '--report-dir', join(ws, 'reports'), ...c.cli], ws);
      code = res.code;
      text = res.stderr;
      stack = res.stdout + res.stderr;
    } else {
      const env: Record<string, string> = {};
      if (c.eventText !== undefined) {
        env.GITHUB_EVENT_PATH = join(ws, 'event-bad.json');
        writeFileSync(env.GITHUB_EVENT_PATH, c.eventText);
      }
      const res = await runAction({
        workspace: ws,
        eventName: c.event ?? 'schedule',
        payload: c.payload ?? { schedule: '0 * * * *' },
        inputs: { mode: 'full', ...c.inputs },
        env,
        timeoutMs: 150_000,
      });
      code = res.code;
      const warnings = res.stdout
        .split('\n')
        .filter((l) => l.startsWith('::warning'))
        .map((l) =>
          l
            .replace(/^::warning[^:]*::/, '')
            .replace(/%0A/g, '\n')
            .replace(/%25/g, '%'),
        );
      text = (c.code === 0 ? warnings : res.errors).join('\n');
      stack = res.stdout + res.stderr + res.summary;
      if (c.line !== undefined) expect(annotationLine(res), text).toBe(c.line);
      if (c.code !== 0) expect(res.summary).toMatch(/failed/i);
    }
    expect(code, text).toBe(c.code);
    expect(text).toMatch(c.message);
    expect(stack).not.toMatch(STACK);
    // Nothing published: not a version, not a claim, not an alias.
    expect(filesUnder(join(ws, 'registry'))).toEqual([]);
  });
});
