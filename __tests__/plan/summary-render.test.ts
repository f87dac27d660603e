/**
 * The fleet summary's pie as a person sees it: rendered by Mermaid in headless Chromium
 * (scripts/render-summary.mjs), each state's slice and legend entry in the colour of the
 * state's icon in the counts line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATES, countStates } from '../../src/plan/state.js';
import { renderFleetSummary, STATE_COLOR } from '../../src/plan/summary.js';
import type { FleetModel, FleetReport, ModelState } from '../../src/plan/types.js';
import { repoRoot } from '../support/python.js';

const SHOTS = process.env.CHART_SCREENSHOTS ?? join(repoRoot, '.tmp', 'chart-screenshots');

function report(states: ModelState[]): FleetReport {
  const models: FleetModel[] = states.map((state, i) => ({
    model: `m${i}`,
    config: `.github/models/m${i}.yml`,
    state,
    reason: 'r',
    runsOn: ['ubuntu-latest'],
    pool: 'ubuntu-latest',
  }));
  return {
    schema: 1,
    startedAt: '',
    finishedAt: '',
    configs: '.github/models/*.yml',
    forced: false,
    counts: countStates(models),
    retrainCount: 0,
    matrix: [[]],
    pools: [],
    models,
    timings: { load: 0, check: 0 },
  };
}

const hex = (css: string): string => {
  const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(css);
  return m
    ? `#${m
        .slice(1, 4)
        .map((x) => Number(x).toString(16).padStart(2, '0'))
        .join('')}`
    : css;
};

describe('the fleet pie in Chromium', () => {
  it('colours each state as its icon, whichever states are present', () => {
    mkdirSync(SHOTS, { recursive: true });
    const fleets: Record<string, ModelState[]> = {
      all: ['invalid', 'failed', 'retrain', 'retrain', 'warn', 'insufficient', 'ok', 'ok', 'ok'],
      // Without invalid and failed, retrain is the first slice: it must stay blue.
      calm: ['retrain', 'warn', 'warn', 'ok', 'ok', 'ok', 'ok'],
    };
    const files = Object.entries(fleets).map(([name, states]) => {
      const path = join(SHOTS, `fleet-${name}.md`);
      writeFileSync(path, renderFleetSummary(report(states)));
      return path;
    });
    const r = spawnSync(
      process.execPath,
      [join(repoRoot, 'scripts/render-summary.mjs'), '--out', SHOTS, ...files],
      { encoding: 'utf8', timeout: 240_000 },
    );
    const out = r.stdout.split('\n').filter((l) => l.startsWith('{'));
    expect(out, r.stderr).toHaveLength(2);
    for (const [k, line] of out.entries()) {
      const status = JSON.parse(line) as {
        errors: string[];
        pies: { slices: string[]; legend: { label: string; fill: string }[] }[];
      };
      expect(status.errors).toEqual([]);
      const [pie] = status.pies;
      const states = Object.values(fleets)[k]!;
      const count = (s: ModelState) => states.filter((x) => x === s).length;
      // Largest slice first, ties in state order: the order Mermaid 11 and 12 both draw.
      const present = STATES.filter((s) => states.includes(s)).sort((a, b) => count(b) - count(a));
      expect(pie!.legend.map((l) => l.label.split(' ')[0])).toEqual(present);
      for (const l of pie!.legend)
        expect(hex(l.fill), l.label).toBe(STATE_COLOR[l.label.split(' ')[0] as ModelState]);
      expect(pie!.slices.map((f) => f?.toLowerCase())).toEqual(present.map((s) => STATE_COLOR[s]));
    }
  });
});
