import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../support/action.js';
import { repoRoot } from '../support/python.js';
import { exampleConfig, makeWorkspace } from './workspace.js';

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(join(repoRoot, '__tests__/fixtures/events', `${name}.json`), 'utf8'),
  ) as Record<string, unknown>;

// Each trigger kind through the bundle in check mode, against a registry that already serves v1.
describe('trigger kinds end to end (check mode)', () => {
  let ws: string;
  beforeAll(async () => {
    ws = makeWorkspace(exampleConfig({ metrics: 'healthy' }));
    const seed = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: fixture('schedule'),
      inputs: { mode: 'full' },
    });
    expect(seed.outputs.version, seed.stdout).toBe('1');
    // Pushes to the training notebook's folder retrain; other paths do not.
    writeFileSync(
      join(ws, '.github/model-retrain.yml'),
      exampleConfig({ metrics: 'healthy' }) + '  push_paths: ["notebooks/**"]\n',
    );
  });

  it.each([
    {
      event: 'schedule',
      fixture: 'schedule',
      inputs: {},
      kind: 'schedule',
      decision: 'skip',
      forced: false,
    },
    {
      event: 'workflow_dispatch',
      fixture: 'workflow_dispatch-force',
      inputs: {},
      kind: 'workflow_dispatch',
      decision: 'retrain',
      forced: true,
    },
    {
      event: 'workflow_dispatch',
      fixture: 'workflow_dispatch',
      inputs: { force: 'true' },
      kind: 'workflow_dispatch',
      decision: 'retrain',
      forced: true,
    },
    {
      event: 'repository_dispatch',
      fixture: 'repository_dispatch-recovered',
      inputs: {},
      kind: 'repository_dispatch',
      decision: 'skip',
      forced: false,
    },
    {
      event: 'push',
      fixture: 'push-training',
      inputs: {},
      kind: 'push',
      decision: 'retrain',
      forced: false,
    },
    {
      event: 'push',
      fixture: 'push-docs',
      inputs: {},
      kind: 'push',
      decision: 'skip',
      forced: false,
    },
  ])('$fixture → $decision', async (row) => {
    const res = await runAction({
      workspace: ws,
      eventName: row.event,
      payload: fixture(row.fixture),
      inputs: { mode: 'check', ...(row.inputs as Record<string, string>) },
    });
    expect(res.code, res.stdout).toBe(0);
    expect(res.outputs.outcome).toBe('checked');
    expect(res.outputs.decision).toBe(row.decision);
    const trigger = (res.report as { trigger: { kind: string; forced: boolean; event: string } })
      .trigger;
    expect(trigger).toMatchObject({ kind: row.kind, event: row.event, forced: row.forced });
    expect(res.summary).toContain('<details><summary>Trigger: ');
  });

  it('an alert cycle that already produced a version does not retrain twice', async () => {
    const payload = fixture('repository_dispatch-triggered');
    writeFileSync(
      join(ws, '.github/model-retrain.yml'),
      exampleConfig({ metrics: 'drifted', drift: true }) + '  trust_alert: true\n',
    );
    const first = await runAction({
      workspace: ws,
      eventName: 'repository_dispatch',
      payload,
      inputs: { mode: 'full' },
    });
    expect(first.code, first.stdout).toBe(0);
    expect(first.outputs).toMatchObject({
      decision: 'retrain',
      outcome: 'published',
      version: '2',
    });
    const again = await runAction({
      workspace: ws,
      eventName: 'repository_dispatch',
      payload,
      inputs: { mode: 'full' },
    });
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ decision: 'skip', outcome: 'skipped', version: '' });
    expect((again.report as { guard: { blocked: boolean; reason: string } }).guard).toMatchObject({
      blocked: true,
      reason: expect.stringContaining('already retrained'),
    });
  });
});
