import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../support/action.js';
import { exampleConfig, makeWorkspace, publishedVersions, readAlias } from './workspace.js';

// The whole loop through the bundle, as a runner executes it, on both Node versions we support.
describe.each(['current', 'node24'] as const)('the loop end to end on %s', (node) => {
  it('cold start publishes v1, drift retrains v2 and moves the alias, healthy skips', async () => {
    const ws = makeWorkspace(exampleConfig({ metrics: 'healthy' }));
    const run = (eventName = 'schedule') =>
      runAction({
        node,
        workspace: ws,
        eventName,
        payload: { schedule: '17 */6 * * *' },
        inputs: { mode: 'full' },
      });

    // 1. Nothing published yet: cold start trains and publishes version 1.
    const first = await run();
    expect(first.code, first.stdout).toBe(0);
    expect(first.outputs).toMatchObject({
      decision: 'retrain',
      verdict: 'promote',
      version: '1',
      outcome: 'published',
    });
    expect(publishedVersions(ws)).toEqual([1]);
    expect(readAlias(ws)?.version).toBe(1);
    expect(first.summary).toContain('Published a new version');
    expect(first.summary).toContain('mean confidence');

    // The manifest lists every file with a digest that matches the bytes stored.
    const manifest = JSON.parse(
      readFileSync(join(ws, 'registry/reviews/versions/1/manifest.json'), 'utf8'),
    ) as {
      files: { path: string; size: number; sha256: string }[];
      lineage: Record<string, unknown>;
    };
    expect(manifest.files.some((f) => f.path.endsWith('model.joblib'))).toBe(true);
    for (const f of manifest.files) {
      const bytes = readFileSync(join(ws, 'registry/reviews/versions/1/files', f.path));
      expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
      expect(bytes.length).toBe(f.size);
    }
    expect(manifest.lineage).toMatchObject({
      repository: 'acme/reviews-model',
      commit: expect.any(String),
    });

    // 2. Production confidence sinks: the gate alerts, the model is retrained on drifted data.
    writeFileSync(
      join(ws, '.github/model-retrain.yml'),
      exampleConfig({ metrics: 'drifted', drift: true }),
    );
    const second = await run();
    expect(second.code, second.stdout).toBe(0);
    expect(second.outputs).toMatchObject({
      decision: 'retrain',
      severity: 'alert',
      verdict: 'promote',
      version: '2',
      'previous-version': '1',
      outcome: 'published',
    });
    expect(readAlias(ws)?.version).toBe(2);
    const report = second.report as {
      verdict: { comparison: string };
      gate: { checks: { status: string }[] };
    };
    expect(report.verdict.comparison).toBe('rescored');
    expect(report.gate.checks[0]?.status).toBe('alert');

    // 3. Healthy again: skip, nothing trained, nothing published.
    writeFileSync(join(ws, '.github/model-retrain.yml'), exampleConfig({ metrics: 'healthy' }));
    const third = await run();
    expect(third.code, third.stdout).toBe(0);
    expect(third.outputs).toMatchObject({
      decision: 'skip',
      severity: 'ok',
      verdict: '',
      version: '',
      outcome: 'skipped',
    });
    expect((third.report as { training?: unknown }).training).toBeUndefined();
    expect(publishedVersions(ws)).toEqual([1, 2]);
    expect(existsSync(third.outputs.report as string)).toBe(true);
    // Two trainings, each with its serving check (a Python process loading the model).
  }, 240_000);
});
