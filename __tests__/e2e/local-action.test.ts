import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/python.js';
import { runCli } from '../init/cli.js';

// What @github/local-action does with an entrypoint: `const { run } = await import(entry)`, then
// `await run()`. The bundle must export run() and must not start the action by being imported.
const bundle = resolve(repoRoot, 'dist/index.js');

describe('dist/index.js as a module', () => {
  it('exports run(); importing it runs nothing, run() runs the action', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'mra-local-'));
    expect((await runCli(['init', '--model', 'starter'], ws)).code).toBe(0);
    const output = join(ws, 'output.txt');
    const summary = join(ws, 'summary.md');
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const importer = join(ws, 'import.mjs');
    writeFileSync(
      importer,
      `import { readFileSync } from 'node:fs';
const m = await import(${JSON.stringify(bundle)});
console.log('run is ' + typeof m.run);
console.log('before run: ' + JSON.stringify(readFileSync(${JSON.stringify(output)}, 'utf8')));
await m.run();
`,
    );
    const r = spawnSync(process.execPath, [importer], {
      cwd: ws,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GITHUB_WORKSPACE: ws,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_EVENT_NAME: 'workflow_dispatch',
        RUNNER_TEMP: ws,
        INPUT_MODE: 'check',
      },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('run is function');
    // Nothing ran on import: no outputs before run() was called.
    expect(r.stdout).toContain('before run: ""');
    expect(readFileSync(output, 'utf8')).toMatch(/^outcome<<.*\nchecked$/m);
    expect(readFileSync(summary, 'utf8')).toContain('Drift gate');
  });
});
