import { spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../support/action.js';
import { pathWithVenv, repoRoot } from '../support/python.js';
import { exampleConfig, makeWorkspace, publishedVersions, readAlias } from './workspace.js';

const schedule = { schedule: '0 * * * *' };

describe('re-runs, rollback and verification through the bundle and the CLI', () => {
  it('a re-run of the same workflow run resumes its version; rollback moves the alias back and forth', async () => {
    const ws = makeWorkspace(exampleConfig({ metrics: 'healthy' }));
    const runEnv = { GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: '1' };
    const first = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: schedule,
      inputs: {},
      env: runEnv,
    });
    expect(first.outputs, first.stdout).toMatchObject({ outcome: 'published', version: '1' });

    // "Re-run all jobs": same run id, next attempt, forced to train again. No second version.
    const rerun = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: schedule,
      inputs: { force: 'true' },
      env: { ...runEnv, GITHUB_RUN_ATTEMPT: '2' },
    });
    expect(rerun.code, rerun.stdout).toBe(0);
    expect(rerun.outputs.version).toBe('1');
    expect((rerun.report as { publication: { resumed: boolean } }).publication.resumed).toBe(true);
    expect(publishedVersions(ws)).toEqual([1]);

    writeFileSync(
      join(ws, '.github/model-retrain.yml'),
      exampleConfig({ metrics: 'drifted', drift: true }),
    );
    const second = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: schedule,
      inputs: {},
    });
    expect(second.outputs).toMatchObject({ outcome: 'published', version: '2' });

    const back = await runAction({
      workspace: ws,
      eventName: 'workflow_dispatch',
      payload: { inputs: {} },
      inputs: { mode: 'rollback', reason: 'bad release' },
    });
    expect(back.code, back.stdout).toBe(0);
    expect(back.outputs).toMatchObject({
      outcome: 'rolled-back',
      version: '1',
      'previous-version': '2',
    });
    expect(readAlias(ws)?.version).toBe(1);
    expect(back.summary).toContain('Rolled back');

    const forward = await runAction({
      workspace: ws,
      eventName: 'workflow_dispatch',
      payload: { inputs: {} },
      inputs: { mode: 'rollback', 'rollback-to': '2' },
    });
    expect(forward.outputs).toMatchObject({ outcome: 'rolled-back', version: '2' });
    expect(readAlias(ws)?.version).toBe(2);

    const missing = await runAction({
      workspace: ws,
      eventName: 'workflow_dispatch',
      payload: { inputs: {} },
      inputs: { mode: 'rollback', 'rollback-to': '9' },
    });
    expect(missing.code).toBe(1);
    expect(missing.errors.join('\n')).toMatch(/9/);
    expect(readAlias(ws)?.version).toBe(2);

    // The CLI re-hashes a stored version; a tampered file is caught.
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [join(repoRoot, 'dist/cli/index.js'), ...args], {
        cwd: ws,
        encoding: 'utf8',
        env: { ...process.env, PATH: pathWithVenv() },
      });
    const ok = cli(['verify', '2']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('all digests match');
    const modelDir = join(ws, 'registry/reviews/versions/2/files/model');
    appendFileSync(
      join(modelDir, readdirSync(modelDir).find((f) => f.endsWith('.json')) as string),
      ' ',
    );
    const bad = cli(['verify', '2']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('PROBLEMS');
    // Three trainings, each with its serving check (a Python process loading the model).
  }, 240_000);
});
