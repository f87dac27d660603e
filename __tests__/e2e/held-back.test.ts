import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../support/action.js';
import { repoRoot } from '../support/python.js';
import { exampleConfig, makeWorkspace, writeConfig } from './workspace.js';

const dispatch = JSON.parse(
  readFileSync(join(repoRoot, '__tests__/fixtures/events/workflow_dispatch.json'), 'utf8'),
) as Record<string, unknown>;

/** The log lines between `::group::NAME` and its `::endgroup::`. */
function group(stdout: string, name: string): string[] {
  const lines = stdout.split('\n');
  const at = lines.indexOf(`::group::${name}`);
  if (at < 0) return [];
  const end = lines.indexOf('::endgroup::', at);
  return lines.slice(at + 1, end);
}

/** Log lines printed outside every group (workflow commands aside). */
function outside(stdout: string): string[] {
  const out: string[] = [];
  let open = false;
  for (const l of stdout.split('\n')) {
    if (l.startsWith('::group::')) open = true;
    else if (l === '::endgroup::') open = false;
    else if (!open && l.trim() && !l.startsWith('::')) out.push(l);
  }
  return out;
}

// A drifted model whose last version is minutes old: the cooldown holds the retrain back.
describe('a held-back alert through the bundle (check mode)', () => {
  let held: ActionRun;
  beforeAll(async () => {
    const ws = makeWorkspace(exampleConfig({ metrics: 'healthy' }));
    const seed = await runAction({
      workspace: ws,
      eventName: 'workflow_dispatch',
      payload: dispatch,
      inputs: { mode: 'full' },
    });
    expect(seed.outputs.version, seed.stdout).toBe('1');
    writeConfig(
      ws,
      exampleConfig({ metrics: 'drifted', drift: true }).replace('cooldown: 0', 'cooldown: 6h'),
    );
    held = await runAction({
      workspace: ws,
      eventName: 'workflow_dispatch',
      payload: dispatch,
      inputs: { mode: 'check' },
    });
    expect(held.code, held.stdout).toBe(0);
  }, 600_000);

  it('tells one story: skip, held back by the cooldown, in the title, the decision and the gate', () => {
    expect(held.outputs).toMatchObject({ decision: 'skip', severity: 'alert' });
    const s = held.summary;
    expect(s).toMatch(
      /^## Model retrain · `reviews` · Held back: cooldown until \d{4}-\d\d-\d\d \d\d:\d\d/m,
    );
    expect(s).toMatch(
      /\*\*Decision: `skip`\*\* \(alert, retrain held back: cooldown until .* UTC\) — /,
    );
    expect(s).toContain('### Drift gate: ALERT (held back by cooldown)');
    expect(s).not.toContain('No retrain needed');
    expect(s).not.toContain('→ retrain');
    expect((held.report as { guard: { by: string; until: string } }).guard).toMatchObject({
      by: 'cooldown',
      until: expect.stringMatching(/^\d{4}-.*Z$/),
    });
  });

  it('a folded title is HTML: the event name shows without a backslash', () => {
    expect(held.summary).toContain(
      '<summary>Trigger: started by hand (workflow_dispatch)</summary>',
    );
    const html = new Marked({ gfm: true }).parse(held.summary) as string;
    const titles = [...html.matchAll(/<summary>(.*?)<\/summary>/g)].map((m) => m[1]!);
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(t).not.toContain('\\');
  });

  it('logs each phase inside its group: the gate’s reasons, decision and cooldown in Gate', () => {
    const gate = group(held.stdout, 'Gate');
    expect(gate).toContain('alert: mean confidence = 0.6347 < 0.7 (alert threshold)');
    expect(
      gate.some((l) => l.startsWith('cooldown: version 1 was promoted')),
      gate.join('\n'),
    ).toBe(true);
    expect(
      group(held.stdout, 'Config').some((l) => l.startsWith('trigger: workflow_dispatch')),
    ).toBe(true);
    expect(group(held.stdout, 'Notebook').some((l) => l.startsWith('notebook '))).toBe(true);
    expect(outside(held.stdout)).toEqual(['outcome: checked']);
  });
});
