import { describe, expect, it } from 'vitest';
import type { ValidateConfig } from '../../src/validate/config.js';
import { judge } from '../../src/validate/policy.js';
import { renderVerdictMarkdown } from '../../src/validate/summary.js';
import type { SignificanceResult } from '../../src/validate/types.js';

const config: ValidateConfig = {
  primary: 'accuracy',
  metrics: {
    accuracy: { direction: 'higher', floor: 0.8, min_change: 0.01 },
    latency_ms: { direction: 'lower', tolerance: 5 },
  },
  significance: { test: 'mcnemar', level: 0.05, required: true, resamples: 2000, seed: 1 },
};
const mcnemar: SignificanceResult = {
  test: 'mcnemar',
  metric: 'accuracy',
  level: 0.05,
  required: true,
  n: 400,
  challenger: 0.8125,
  champion: 0.7875,
  delta: 0.025,
  p: 0.1539,
  challengerOnly: 25,
  championOnly: 15,
  better: true,
  significant: false,
};

describe('renderVerdictMarkdown', () => {
  it('rejected: table with deltas, every rule with its result, significance, basis', () => {
    const v = judge(config, {
      challenger: { accuracy: 0.8125, latency_ms: 12, loss: 0.4 },
      champion: { metrics: { accuracy: 0.7875, latency_ms: 10 }, basis: 'rescored', version: 4 },
      significance: mcnemar,
    });
    const md = renderVerdictMarkdown(v);
    expect(md).toContain('### Validation: ❌ challenger rejected');
    expect(md).toContain('> accuracy significance: better but not significant at 0.05: p=0.154');
    expect(md).toContain('| **accuracy** (primary) | 0.7875 | 0.8125 | +0.025 ▲ | +3.175 % |');
    expect(md).toContain('| latency\\_ms | 10 | 12 | +2 ▼ | +20 % |');
    expect(md).toContain('| loss | — | 0.4 | — | — |');
    expect(md).toMatch(/\| floor \| accuracy \| ✅ pass \|/);
    expect(md).toMatch(/\| min_change \| accuracy \| ✅ pass \|/);
    expect(md).toMatch(/\| significance \| accuracy \| ❌ fail \|/);
    expect(md).toMatch(/\| tolerance \| latency\\_ms \| ✅ pass \|/);
    expect(md).toContain(
      '**Significance** (required): better but not significant at 0.05, p=0.154',
    );
    expect(md).toContain('challenger alone right on 25, champion alone right on 15');
    expect(md).toContain("champion v4 re-scored on the challenger's holdout");
  });

  it.each([
    [
      'cold start',
      { ...config, significance: undefined },
      null,
      false,
      ['### Validation: ✅ challenger promoted', 'Cold start: no champion yet', '⏭️ skipped'],
    ],
    [
      'recorded basis',
      { ...config, significance: undefined },
      { metrics: { accuracy: 0.8, latency_ms: 10 }, basis: 'recorded' as const, version: 2 },
      false,
      ["champion v2's metrics recorded at its publication: different data"],
    ],
    [
      'dry run',
      { ...config, significance: undefined, mode: 'dry_run' as const },
      { metrics: { accuracy: 0.95, latency_ms: 10 }, basis: 'rescored' as const, version: 2 },
      false,
      ['❌ would reject (dry run, not blocking)', 'Dry run: the verdict would be **reject**'],
    ],
    [
      'dry-run input',
      { ...config, significance: undefined },
      { metrics: { accuracy: 0.8, latency_ms: 10 }, basis: 'rescored' as const, version: 2 },
      true,
      ['✅ would promote (dry run, not blocking)'],
    ],
    [
      'shadow',
      { ...config, significance: undefined, mode: 'shadow' as const },
      { metrics: { accuracy: 0.8, latency_ms: 10 }, basis: 'rescored' as const, version: 2 },
      false,
      ['shadow: alias not moved', 'the serving alias stays where it is'],
    ],
  ])('%s', (_name, cfg, champion, dryRun, expected) => {
    const md = renderVerdictMarkdown(
      judge(cfg, { challenger: { accuracy: 0.85, latency_ms: 11 }, champion, dryRun }),
    );
    for (const text of expected) expect(md).toContain(text);
  });

  it('bootstrap: the interval, resamples and seed are shown; pipes in details cannot break the table', () => {
    const v = judge(
      { primary: 'a|b', metrics: { 'a|b': { direction: 'higher' } } },
      {
        challenger: { 'a|b': 0.9 },
        champion: { metrics: { 'a|b': 0.8 }, basis: 'rescored' },
        significance: {
          ...mcnemar,
          test: 'bootstrap',
          metric: 'accuracy',
          p: 0.002,
          ciLow: 0.03,
          ciHigh: 0.17,
          resamples: 2000,
          seed: 1,
          significant: true,
        },
      },
    );
    const md = renderVerdictMarkdown(v);
    expect(md).toContain('95 % interval [+0.03, +0.17]');
    expect(md).toContain('2000 resamples, seed 1');
    expect(md).toContain('a\\|b');
    for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
      expect(line.replace(/\\\|/g, '').split('|').length).toBeGreaterThanOrEqual(5);
    }
  });
});
