import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedVersions, readAlias, writeConfig } from '../e2e/workspace.js';
import { runAction } from '../support/action.js';
import { repoRoot } from '../support/python.js';

const fixtures = join(repoRoot, '__tests__/fixtures/validate');

/** Rows of the scripted holdout: both right, challenger alone right, champion alone right (of 400). */
interface Scenario {
  both: number;
  challenger_only: number;
  champion_only: number;
}

function config(s: Scenario, significance: 'required' | 'off', mode = 'enforce'): string {
  return `model:
  name: scripted
metrics:
  source: file
  series:
    - name: confidence
  windows:
    end: latest
    current: { duration: 1d }
    reference: { duration: 7d }
  file:
    path: confidence.csv
gate:
  min_samples: 30
  checks:
    - name: mean confidence
      series: confidence
      statistic: mean
      direction: below
      warn: 0.8
      alert: 0.7
train:
  notebook: scripted.ipynb
  engine: nbclient
  timeout: 2m
  parameters:
    both: ${s.both}
    challenger_only: ${s.challenger_only}
    champion_only: ${s.champion_only}
validate:
  primary: accuracy
  mode: ${mode}
  metrics:
    accuracy: { direction: higher, floor: 0.6, min_change: 0.01 }
${
  significance === 'required'
    ? `  significance:
    test: mcnemar
    level: 0.05
    required: true
`
    : ''
}publish:
  registry: registry
  alias: production
trigger:
  cooldown: 0
`;
}

function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'mra-validate-'));
  for (const f of ['scripted.ipynb', 'confidence.csv']) cpSync(join(fixtures, f), join(ws, f));
  return ws;
}

const versions = (ws: string): number[] => publishedVersions(ws, 'scripted');

const alias = (ws: string): number | null =>
  readAlias(ws, 'production', 'scripted')?.version ?? null;

const run = (ws: string, node: 'current' | 'node24') =>
  runAction({
    node,
    workspace: ws,
    eventName: 'schedule',
    payload: { schedule: '0 */6 * * *' },
    inputs: { mode: 'full' },
  });

interface ReportVerdict {
  status: string;
  reason: string;
  comparison: string;
  rules: { rule: string; passed: boolean; detail: string }[];
  significance?: Record<string, unknown>;
}

describe.each(['current', 'node24'] as const)(
  'champion vs challenger through the bundle on %s',
  (node) => {
    // Cold start: 340 of 400 right (0.85) publishes version 1 on the floor alone.
    const first: Scenario = { both: 300, challenger_only: 40, champion_only: 0 };

    it('a worse challenger is rejected and nothing is promoted', async () => {
      const ws = workspace();
      writeConfig(ws, config(first, 'off'));
      const cold = await run(ws, node);
      expect(cold.code, cold.stdout + cold.stderr).toBe(0);
      expect(cold.outputs).toMatchObject({
        verdict: 'promote',
        version: '1',
        outcome: 'published',
      });
      expect(alias(ws)).toBe(1);

      // Challenger 0.775 vs the champion re-scored on the same rows at 0.85.
      writeConfig(ws, config({ both: 300, challenger_only: 10, champion_only: 40 }, 'off'));
      const worse = await run(ws, node);
      expect(worse.code, worse.stdout + worse.stderr).toBe(0);
      expect(worse.outputs).toMatchObject({
        decision: 'retrain',
        verdict: 'reject',
        outcome: 'rejected',
        version: '',
      });
      expect(versions(ws)).toEqual([1]);
      expect(alias(ws)).toBe(1);
      const verdict = (worse.report as { verdict: ReportVerdict }).verdict;
      expect(verdict.comparison).toBe('rescored');
      expect(verdict.reason).toMatch(/^accuracy min_change: 0\.775 vs champion 0\.85/);
      expect(worse.summary).toContain('min_change');

      // Shadow mode: a better challenger becomes version 2, but production keeps serving 1.
      writeConfig(
        ws,
        config({ both: 300, challenger_only: 60, champion_only: 0 }, 'off', 'shadow'),
      );
      const shadow = await run(ws, node);
      expect(shadow.code, shadow.stdout + shadow.stderr).toBe(0);
      expect(shadow.outputs).toMatchObject({ verdict: 'promote', version: '2', outcome: 'shadow' });
      expect(versions(ws)).toEqual([1, 2]);
      expect(alias(ws)).toBe(1);
    });

    it('a better but not significantly better challenger is held back when significance is required', async () => {
      const ws = workspace();
      writeConfig(ws, config(first, 'required'));
      const cold = await run(ws, node);
      expect(cold.code, cold.stdout + cold.stderr).toBe(0);
      expect(cold.outputs).toMatchObject({ verdict: 'promote', version: '1' });

      // 0.8125 vs 0.7875: +0.025 clears min_change, but 25 vs 15 discordant pairs gives
      // McNemar p = 0.154 (scipy.stats.binomtest(25, 40)), not significant at 0.05.
      writeConfig(ws, config({ both: 300, challenger_only: 25, champion_only: 15 }, 'required'));
      const held = await run(ws, node);
      expect(held.code, held.stdout + held.stderr).toBe(0);
      expect(held.outputs).toMatchObject({ verdict: 'reject', outcome: 'rejected' });
      expect(versions(ws)).toEqual([1]);
      expect(alias(ws)).toBe(1);
      const verdict = (held.report as { verdict: ReportVerdict }).verdict;
      expect(verdict.rules.find((r) => r.rule === 'min_change')?.passed).toBe(true);
      expect(verdict.reason).toMatch(
        /^accuracy significance: better but not significant at 0\.05: p=0\.154/,
      );
      expect(verdict.significance).toMatchObject({
        test: 'mcnemar',
        challengerOnly: 25,
        championOnly: 15,
      });

      // A clearly better challenger (60 vs 10 discordant) then passes the same gate.
      writeConfig(ws, config({ both: 300, challenger_only: 60, champion_only: 10 }, 'required'));
      const better = await run(ws, node);
      expect(better.code, better.stdout + better.stderr).toBe(0);
      expect(better.outputs).toMatchObject({
        verdict: 'promote',
        version: '2',
        outcome: 'published',
      });
      expect(alias(ws)).toBe(2);
    });
  },
);
