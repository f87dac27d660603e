import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/config/words.js';
import { runCli } from '../init/cli.js';

// What a person who mistypes meets: one line naming the near miss, one line of usage.
const empty = mkdtempSync(join(tmpdir(), 'mra-usage-'));

describe('one distance measure (Damerau–Levenshtein) for every "did you mean"', () => {
  it.each([
    ['wran', 'warn', 1],
    ['modle', 'model', 1],
    ['mdoe', 'mode', 1],
    ['verfiy', 'verify', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['ab', 'ba', 1],
  ])('%s → %s: %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it.each([
    ['wran', ['ok', 'warn', 'alert'], 'warn'],
    ['modle', ['model', 'metrics', 'gate'], 'model'],
    ['sorce', ['source', 'registry', 'gpu'], 'source'],
    ['zzz', ['model', 'metrics'], undefined],
  ])('closest(%s)', (value, allowed, want) => {
    expect(closest(value, allowed)).toBe(want);
  });
});

describe('the CLI when a word is mistyped', () => {
  it.each([
    [['--mdoe', 'check'], 'unknown option --mdoe; did you mean --mode?'],
    [['--dryrun'], 'unknown option --dryrun; did you mean --dry-run?'],
    [['--jsno'], 'unknown option --jsno; did you mean --json?'],
    [['verfiy', '3'], 'unknown command "verfiy"; did you mean verify?'],
    [['version'], 'unknown command "version"; did you mean versions?'],
  ])('%j', async (args, line) => {
    const run = await runCli(args, empty);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const [first, second, ...rest] = run.stderr.trimEnd().split('\n');
    expect(first).toContain(line);
    expect(second).toMatch(/^usage: model-retrain \[--config FILE\] \[--mode /);
    expect(rest).toEqual([]);
    expect(run.stderr).not.toMatch(/To specify a positional|ERR_PARSE_ARGS/);
  });

  it('init: the same, with init’s own usage line', async () => {
    const run = await runCli(['init', '--sorce', 'file'], empty);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: unknown option --sorce; did you mean --source?\nusage: model-retrain init [--source file|datadog|prometheus|s3] [--registry s3://BUCKET/PREFIX] [--gpu] [--model NAME] [--dir DIR] [--force]   (init --help lists every option)\n',
    );
  });

  it('a config key typo: modle → model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mra-usage-'));
    expect((await runCli(['init', '--model', 'm'], dir)).code).toBe(0);
    const path = join(dir, '.github/model-retrain.yml');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^model:/m, 'modle:'));
    const run = await runCli(['--mode', 'check'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/unknown key "modle" \(did you mean "model"\?\)/);
  });

  it('a config value typo: wran → warn', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mra-usage-'));
    expect((await runCli(['init', '--model', 'm'], dir)).code).toBe(0);
    const path = join(dir, '.github/model-retrain.yml');
    const text = readFileSync(path, 'utf8').replace(
      'gate:\n',
      'gate:\n  no_data:\n    severity: wran\n',
    );
    writeFileSync(path, text);
    const run = await runCli(['--mode', 'check'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/"wran" \(did you mean "warn"\?\)/);
  });

  it('a gate verdict given to a job that is not a retrain job is refused, with why', async () => {
    const verdict = JSON.stringify({ decision: 'retrain', severity: 'alert', reasons: [] });
    const run = await runCli(['--mode', 'check', '--gate-verdict', verdict], empty);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/input "gate-verdict" is set but mode is "check": .*mode: retrain/);
  });

  it('a missing config names init', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mra-usage-'));
    mkdirSync(join(dir, '.github'));
    const run = await runCli(['--mode', 'check'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\.github\/model-retrain\.yml not found/);
    expect(run.stderr).toMatch(/init/);
  });
});
