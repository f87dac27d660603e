import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/gate/index.js';
import { renderGateMarkdown } from '../../src/gate/summary.js';
import { escapeInline } from '../../src/text/escape.js';
import { categorical, gate, input, labels, metrics, normals, series } from './helpers.js';

describe('renderGateMarkdown', () => {
  const m = metrics(
    [
      series('score', normals(3000, 2, 1)),
      categorical('country', labels(3000, { us: 20, de: 30, fr: 50 }, 2)),
      series('acc', normals(100, 3, 0.9, 0.01)),
    ],
    [
      series('score', normals(3000, 1)),
      categorical('country', labels(3000, { us: 50, de: 30, fr: 20 }, 1)),
    ],
  );
  const report = evaluateGate(
    gate([
      { series: 'score', statistic: 'psi' },
      { series: 'score', statistic: 'ks', name: 'score | ks' },
      { series: 'country', statistic: 'chi2' },
      { series: 'acc', statistic: 'mean', warn: 0.95, alert: 0.5 },
      { series: 'acc', statistic: 'p5', min_samples: 500, alert: 0.5 },
    ]),
    input(m),
  );
  const md = renderGateMarkdown(report);

  it('heads with severity and decision, then one reason per bullet, escaped', () => {
    expect(md.startsWith('### Drift gate: ALERT → retrain\n')).toBe(true);
    for (const r of report.reasons) expect(md).toContain(`- ${escapeInline(r)}`);
  });

  it('has one table row per check with thresholds, both sample counts and a status word', () => {
    const rows = md
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| check') && !l.startsWith('| ---'));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(
      /^\| score psi \| score \| psi \| [\d.]+ \| >= 0\.1 \| >= 0\.25 \| 3000 \| 3000 \| ALERT \|$/,
    );
    // a pipe in a check name is escaped, not a new column; a KS value is labelled a p-value
    expect(rows[1]).toMatch(/^\| score \\\| ks \| score \| ks \(p-value of the test\) \| p = /);
    expect(rows[3]).toMatch(
      /^\| acc mean \| acc \| mean \| 0\.\d+ \| < 0\.95 \| < 0\.5 \| 100 \| — \| WARN \|$/,
    );
    expect(rows[4]).toMatch(/\| insufficient data \|$/);
    expect(md).not.toMatch(/[\u{1F300}-\u{1FAFF}\u{2705}\u{274C}\u{26A0}]/u);
  });

  it('lists notes; values carry the series unit where the source gave one', () => {
    expect(md).toContain(
      '- **acc p5**: 100 finite samples < min\\_samples 500'.replace('<', '&lt;'),
    );
    const withUnits = renderGateMarkdown(report, { units: { acc: 'ms', score: 'ms' } });
    expect(withUnits).toMatch(
      /\| acc mean \| acc \| mean \| 0\.\d+ ms \| < 0\.95 ms \| < 0\.5 ms \|/,
    );
    // a distance or a p-value has no unit
    expect(withUnits).toMatch(/\| score psi \| score \| psi \| [\d.]+ \| >= 0\.1 \|/);
  });

  it('renders without checks', () => {
    const bare = renderGateMarkdown({
      ...report,
      checks: [],
      reasons: ['skip: nothing to check'],
      severity: 'ok',
      decision: 'skip',
      dryRun: true,
    });
    expect(bare).toBe('### Drift gate: ok → skip (dry run)\n\n- skip: nothing to check\n');
    expect(renderGateMarkdown(report)).not.toContain('```');
  });
});
