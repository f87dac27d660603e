/**
 * Realized performance through the bundle, with the example's prediction logs (file source):
 * a drift that did not hurt accuracy does not retrain under decide_on: performance; a real
 * accuracy drop does; a thinly labelled window is insufficient, in words.
 */
import { describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../support/action.js';
import { exampleConfig, makeWorkspace, writeConfig } from './workspace.js';

function performanceConfig(log: 'healthy' | 'dropped', extra = ''): string {
  return exampleConfig({ metrics: 'drifted' })
    .replace(
      '  file:\n',
      `  predictions:
    log: examples/reviews/predictions/${log}/predictions.csv.gz
    labels: examples/reviews/predictions/${log}/labels.csv.gz
    task: binary
    score_column: score
    label_time_column: labelled_at
    segments: [country]
  file:\n`,
    )
    .replace(
      'gate:\n',
      `gate:
  decide_on: performance
  performance:
    - metric: accuracy${extra}
    - metric: roc_auc
      floor: 0.8
      segment: country
      min_segment_size: 100
`,
    );
}

describe('performance checks end to end', () => {
  it('drift without harm skips, a real drop retrains, thin labels are insufficient', async () => {
    const ws = makeWorkspace(exampleConfig());
    const check = (runId: string, mode = 'check'): Promise<ActionRun> =>
      runAction({
        workspace: ws,
        eventName: 'schedule',
        payload: { schedule: '0 * * * *' },
        inputs: { mode },
        env: { GITHUB_RUN_ID: runId },
      });
    // A champion first: afterwards the gate alone decides.
    expect((await check('1', 'full')).outputs.outcome).toBe('published');

    writeConfig(ws, performanceConfig('healthy'));
    const drift = await check('2');
    expect(drift.code).toBe(0);
    expect(drift.outputs.decision).toBe('skip');
    const gate = (
      drift.report as {
        gate: {
          checks: { name: string; status: string }[];
          performance: {
            join: { unknownIds: { count: number }; duplicateLabels: { count: number } };
          };
        };
      }
    ).gate;
    expect(gate.checks.find((c) => c.name === 'mean confidence')?.status).toBe('alert');
    expect(gate.checks.find((c) => c.name === 'accuracy')?.status).toBe('ok');
    expect(gate.performance.join.unknownIds.count).toBe(5);
    expect(gate.performance.join.duplicateLabels.count).toBeGreaterThan(0);
    expect(drift.summary).toContain('is reported, not acted on');
    // The headline follows what decided (performance), not the drift that was only reported.
    const decisionLine = (summary: string) =>
      summary.split('\n').find((l) => l.includes('**Decision:')) ?? '';
    expect(decisionLine(drift.summary)).toContain('skip');
    expect(decisionLine(drift.summary)).not.toContain('mean confidence');
    expect(drift.summary).toContain('### Performance (realized, from labels)');
    expect(drift.summary).toMatch(/5 label\(s\) name an id the log does not have/);
    expect(drift.summary).toContain('Confusion matrix');
    // the check's row names the metric once and scikit-learn's function it equals
    expect(drift.summary).toContain('accuracy (scikit-learn `accuracy_score`)');
    expect(drift.summary).toContain('xychart-beta');

    writeConfig(ws, performanceConfig('dropped'));
    const drop = await check('3');
    expect(drop.outputs.decision).toBe('retrain');
    expect(drop.outputs.severity).toBe('alert');
    expect(decisionLine(drop.summary)).toMatch(
      /— accuracy: accuracy of predictions is 0\.\d+, past the alert level/,
    );
    expect(drop.summary).toMatch(
      /accuracy dropped 0\.0\d+ from the reference 0\.\d+, beyond noise/,
    );

    writeConfig(ws, performanceConfig('dropped', '\n      min_coverage: 0.95'));
    const thin = await check('4');
    expect(thin.outputs.severity).toBe('insufficient');
    expect(thin.outputs.decision).toBe('skip');
    expect(thin.summary).toMatch(/labels for \d+ % of the window so far \(need 95 %\)/);
  });
});
