import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { THROWAWAY_ENV, throwawayRegistryProblem } from '../../src/registry-durability.js';
import { runAction } from '../support/action.js';
import { runCli } from '../init/cli.js';

// A registry that does not outlive the job keeps every scheduled run a cold start, green.
describe('a registry thrown away with the job', () => {
  const ws = '/home/runner/work/repo/repo';
  const actions = {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: '/home/runner/_temp',
  };
  it.each([
    ['registry', actions, /inside the job's checkout/],
    ['.demo/registry', actions, /inside the job's checkout/],
    ['/home/runner/_temp/reg', actions, /temporary folder/],
    ['/srv/models', { ...actions, RUNNER_ENVIRONMENT: 'github-hosted' }, /GitHub-hosted runner/],
    ['/srv/models', { ...actions, RUNNER_ENVIRONMENT: 'self-hosted' }, null],
    ['s3://bucket/prefix', actions, null],
    ['registry', { ...actions, [THROWAWAY_ENV]: 'true' }, null],
    ['registry', { GITHUB_WORKSPACE: ws }, null],
  ] as const)('%s under %j', (registry, env, want) => {
    const problem = throwawayRegistryProblem(registry, ws, env);
    if (want === null) expect(problem).toBeNull();
    else {
      expect(problem).toMatch(want);
      expect(problem).toContain('s3://BUCKET/PREFIX');
      expect(problem).toContain(`${THROWAWAY_ENV}: 'true'`);
    }
  });

  it('the action fails the step, in the log and the summary, with why and the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mra-durable-'));
    expect((await runCli(['init', '--model', 'starter'], dir)).code).toBe(0);
    const run = await runAction({
      workspace: dir,
      eventName: 'schedule',
      payload: {},
      inputs: { mode: 'check' },
      env: { [THROWAWAY_ENV]: '' },
    });
    expect(run.code).toBe(1);
    expect(run.errors.join('\n')).toMatch(
      /publish\.registry: "registry" is a local folder .* inside the job's checkout.*s3:\/\/BUCKET\/PREFIX/s,
    );
    expect(run.summary).toMatch(/failed[\s\S]*publish\.registry: \S+registry\S+ is a local folder/);
    expect(run.outputs.decision).toBeUndefined();

    const optIn = await runAction({
      workspace: dir,
      eventName: 'schedule',
      payload: {},
      inputs: { mode: 'check' },
      env: { [THROWAWAY_ENV]: 'true' },
    });
    expect(optIn.code, optIn.stdout.slice(-2000)).toBe(0);
    expect(optIn.outputs.outcome).toBe('checked');
  });
});
