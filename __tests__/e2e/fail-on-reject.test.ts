import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../support/action.js';
import { exampleConfig, makeWorkspace, publishedVersions, readAlias } from './workspace.js';

describe('fail-on-reject through the bundle', () => {
  it('a rejected challenger fails the step, after the outputs and the summary are written', async () => {
    const ws = makeWorkspace(exampleConfig({ metrics: 'healthy' }));
    const first = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: { schedule: '0 * * * *' },
      inputs: {},
    });
    expect(first.outputs, first.stdout).toMatchObject({ outcome: 'published', version: '1' });

    // No challenger can gain a whole point of accuracy: the next one is rejected.
    writeFileSync(
      join(ws, '.github/model-retrain.yml'),
      exampleConfig({ metrics: 'healthy' }).replace('min_change: 0', 'min_change: 1'),
    );
    const rejected = await runAction({
      workspace: ws,
      eventName: 'workflow_dispatch',
      payload: { inputs: {} },
      inputs: { force: 'true', 'fail-on-reject': 'true' },
    });
    expect(rejected.code, rejected.stdout).toBe(1);
    expect(rejected.outputs).toMatchObject({
      outcome: 'rejected',
      verdict: 'reject',
      'serving-version': '1',
    });
    expect(rejected.summary).toContain('Challenger rejected');
    expect(rejected.errors.join('\n')).toContain('fail-on-reject: the challenger was rejected');
    expect(publishedVersions(ws)).toEqual([1]);
    expect(readAlias(ws)?.version).toBe(1);
  });
});
