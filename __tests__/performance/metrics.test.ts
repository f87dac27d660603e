import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRICS, computeAll } from '../../src/performance/metrics.js';
import type { LabelledData } from '../../src/performance/types.js';
import { pythonBin, repoRoot } from '../support/python.js';

interface Case {
  name: string;
  task: 'binary' | 'multiclass' | 'regression';
  classes?: string[];
  truth: number[];
  pred: number[];
  scores?: number[];
  expected: Record<string, number | null>;
}

function sklearnCases(): Case[] {
  const script = resolve(repoRoot, '__tests__/fixtures/performance/sklearn_truth.py');
  const r = spawnSync(pythonBin(), [script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`sklearn_truth.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Case[];
}

function dataOf(c: Case): LabelledData {
  if (c.task === 'regression')
    return {
      task: 'regression',
      truth: Float64Array.from(c.truth),
      pred: Float64Array.from(c.pred),
    };
  return {
    task: c.task,
    classes: c.classes!,
    truth: Int32Array.from(c.truth),
    pred: Int32Array.from(c.pred),
    scores: Float64Array.from(c.scores!),
    positive: 1,
  };
}

const cases = sklearnCases();

describe('performance metrics equal scikit-learn to 1e-12 relative', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = new Map(computeAll(dataOf(c)).map((m) => [m.metric, m]));
      for (const [metric, want] of Object.entries(c.expected)) {
        const m = got.get(metric);
        expect(m, `${metric} computed`).toBeDefined();
        if (want === null) {
          // scikit-learn raises or returns NaN: ours is null and says why in words.
          expect(m!.value, metric).toBeNull();
          expect(m!.note, metric).toMatch(/\w+/);
          continue;
        }
        expect(m!.value, metric).not.toBeNull();
        const rel = want === 0 ? Math.abs(m!.value!) : Math.abs(m!.value! - want) / Math.abs(want);
        expect(rel, `${metric}: ours ${m!.value} vs sklearn ${want}`).toBeLessThanOrEqual(1e-12);
      }
    });
  }

  it('every metric of the table is tested against scikit-learn', () => {
    const tested = new Set(cases.flatMap((c) => Object.keys(c.expected)));
    expect(METRICS.map((m) => m.name).filter((n) => !tested.has(n))).toEqual([]);
  });
});

describe('intervals contain the value and say how they were made', () => {
  for (const c of cases) {
    it(c.name, () => {
      for (const m of computeAll(dataOf(c))) {
        if (m.value === null) continue;
        expect(m.ci, m.metric).toBeDefined();
        expect(m.ci![0], m.metric).toBeLessThanOrEqual(m.value + 1e-12);
        expect(m.ci![1], m.metric).toBeGreaterThanOrEqual(m.value - 1e-12);
        expect(m.method, m.metric).toMatch(/^(wilson|delong|bootstrap|normal)$/);
      }
    });
  }
});

describe('undefined and conventional cases are said in words', () => {
  const byName = new Map(cases.map((c) => [c.name, c]));
  it('no positive labels: AUC and average precision null with a reason', () => {
    const got = computeAll(dataOf(byName.get('binary-no-positives')!));
    const auc = got.find((m) => m.metric === 'roc_auc')!;
    expect(auc.value).toBeNull();
    expect(auc.note).toContain('one class only');
    expect(got.find((m) => m.metric === 'average_precision')!.note).toContain('no positive labels');
  });
  it('constant predictions: precision rests on zero_division and says so', () => {
    const got = computeAll(dataOf(byName.get('binary-constant')!));
    const p = got.find((m) => m.metric === 'precision')!;
    expect(p.value).toBe(0);
    expect(p.note).toContain('never predicted: 1');
    expect(got.find((m) => m.metric === 'roc_auc')!.note).toContain('constant scores');
  });
  it('constant truth: R² convention named', () => {
    const got = computeAll(dataOf(byName.get('regression-constant-truth')!));
    expect(got.find((m) => m.metric === 'r2')!.note).toContain('constant');
  });
  it('zero truth: MAPE warns that it is dominated', () => {
    const got = computeAll(dataOf(byName.get('regression-zero-truth')!));
    expect(got.find((m) => m.metric === 'mape')!.note).toContain('true value(s) are 0');
  });
  it('a class with no true labels: one-vs-rest AUC null, named', () => {
    const got = computeAll(dataOf(byName.get('multiclass-unseen-class')!));
    expect(got.find((m) => m.metric === 'roc_auc')!.note).toContain('no true labels of 3');
  });
});
