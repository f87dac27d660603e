import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeWorkspace, exampleConfig } from '../e2e/workspace.js';
import { runCli } from '../init/cli.js';
import pkg from '../../package.json' with { type: 'json' };

// The CLI's edge as a person meets it: mistyped flags, --version, --json for scripts.
describe('the CLI: flags', () => {
  const empty = mkdtempSync(join(tmpdir(), 'mra-cli-'));

  it.each([['--confg', 'x.yml'], ['--mode']])(
    'a bad flag (%s) prints one line and one line of usage, no stack trace, exit 2',
    async (...args) => {
      const run = await runCli(args, empty);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^error: .*\nusage: model-retrain .*\n$/);
      expect(run.stderr).not.toMatch(/\n\s+at |ERR_PARSE_ARGS/);
    },
  );

  it('--version prints the package version', async () => {
    const run = await runCli(['--version'], empty);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('--json prints only the outputs on stdout; the logs go to stderr', async () => {
    const ws = makeWorkspace(exampleConfig({ metrics: 'healthy' }));
    const run = await runCli(['--mode', 'check', '--event', 'schedule', '--json'], ws);
    expect(run.code, run.stderr).toBe(0);
    const outputs = JSON.parse(run.stdout) as Record<string, string>;
    expect(outputs).toMatchObject({ decision: 'retrain', outcome: 'checked' });
    expect(run.stderr).toContain('▶ ');
  });

  it('init refuses a bad flag value with the fix', async () => {
    const run = await runCli(['init', '--source', 'influx'], empty);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: init --source: "influx" is not a metrics source; use one of file, datadog, prometheus, s3\n',
    );
  });
});
