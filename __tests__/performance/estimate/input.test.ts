/**
 * Bad input to the estimator: each is refused with the window, the column, the bad value and
 * the fix — never an estimate from it.
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { estimatePerformance } from '../../../src/performance/estimate/estimate.js';
import {
  readReference,
  readScores,
  type ScoreTable,
} from '../../../src/performance/estimate/input.js';
import { TestRng } from './helpers.js';

function table(n: number, over: Partial<ScoreTable> = {}): ScoreTable {
  const rng = new TestRng(3);
  const score = Array.from({ length: n }, () => rng.next());
  return {
    window: 'reference window',
    classes: ['stay', 'churn'],
    scoreColumns: ['churn_probability'],
    scores: [score],
    labelColumn: 'churned',
    labels: score.map((s) => (rng.next() < s ? 'churn' : 'stay')),
    ...over,
  };
}

const bad: [string, () => unknown, RegExp[]][] = [
  [
    'a score above 1 (a logit, not a probability)',
    () => readScores(table(200, { scores: [[0.2, 3.7, 0.4]] })),
    [/churn_probability/, /3\.7 at row 2/, /probabilities in \[0, 1\]/, /sigmoid or softmax/],
  ],
  [
    'a NaN score',
    () => readScores(table(200, { scores: [[0.2, NaN]] })),
    [/churn_probability/, /NaN at row 2/],
  ],
  [
    'multiclass scores that do not sum to 1',
    () =>
      readScores({
        window: 'current window',
        classes: ['a', 'b', 'c'],
        scoreColumns: ['p_a', 'p_b', 'p_c'],
        scores: [[0.5], [0.3], [0.1]],
      }),
    [/p_a, p_b, p_c/, /sum to 0\.9/, /row 1/, /one column for every class/],
  ],
  [
    'fewer score columns than classes',
    () =>
      readScores({
        window: 'current window',
        classes: ['a', 'b', 'c'],
        scoreColumns: ['p_a', 'p_b'],
        scores: [[0.5], [0.5]],
      }),
    [/2 score columns \(p_a, p_b\) for 3 classes/],
  ],
  [
    'a reference without a label column',
    () => readReference(table(200, { labels: undefined })),
    [/reference window/, /no label column/, /churned/],
  ],
  [
    'a reference with no label yet',
    () => readReference(table(200, { labels: Array.from({ length: 200 }, () => null) })),
    [/no row has a label in churned/, /old enough/],
  ],
  [
    'a reference with one class only',
    () => readReference(table(200, { labels: Array.from({ length: 200 }, () => 'stay') })),
    [/every label in churned is "stay"/, /widen the reference window/],
  ],
  [
    'too few reference rows for calibration',
    () => readReference(table(60)),
    [/60 labelled rows/, /at least 100/, /widen the reference window/],
  ],
  [
    'too few rows of one class',
    () =>
      readReference(
        table(200, { labels: Array.from({ length: 200 }, (_, i) => (i < 12 ? 'churn' : 'stay')) }),
      ),
    [/12 rows labelled "churn" in churned/, /at least 30 of every class/],
  ],
  [
    'a label the score columns do not cover (multiclass class mismatch)',
    () =>
      readReference(
        table(200, { labels: Array.from({ length: 200 }, (_, i) => (i === 5 ? 'Churn' : 'stay')) }),
      ),
    [
      /churned has the label "Churn" at row 6/,
      /not one of the score columns' classes \(stay, churn\)/,
    ],
  ],
  [
    'a predicted class the score columns do not cover',
    () =>
      readScores(
        table(3, {
          scores: [[0.1, 0.2, 0.9]],
          predictedColumn: 'prediction',
          predicted: ['stay', 'stay', 'yes'],
        }),
      ),
    [/column prediction predicts "yes" at row 3/],
  ],
  [
    'current and reference log different classes',
    () =>
      estimatePerformance(
        table(200),
        table(50, { window: 'current window', classes: ['no', 'yes'], labels: undefined }),
      ),
    [
      /current window scores classes \(no, yes\)/,
      /reference window scores classes \(stay, churn\)/,
    ],
  ],
];

describe('bad input is refused with a message naming the column and the fix', () => {
  it.each(bad)('%s', (_, run, patterns) => {
    let err: unknown;
    try {
      run();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    for (const p of patterns) expect((err as Error).message).toMatch(p);
  });
});

describe('good input', () => {
  it('one positive-class column makes a two-column matrix; prediction defaults to the most probable class', () => {
    const w = readScores(table(3, { scores: [[0.1, 0.5, 0.9]], labels: undefined }));
    [0.9, 0.1, 0.5, 0.5, 0.1, 0.9].forEach((v, i) => expect(w.scores.p[i]).toBeCloseTo(v, 15));
    // 0.5 ties: the first class, as argmax (and scikit-learn's predict) breaks them.
    expect(Array.from(w.predicted)).toEqual([0, 0, 1]);
  });

  it('unlabelled reference rows are left out and counted', () => {
    const t = table(300);
    const labels = [...(t.labels as (string | null)[])];
    for (let i = 0; i < 40; i++) labels[i] = null;
    const { window, unlabelled } = readReference({ ...t, labels });
    expect(unlabelled).toBe(40);
    expect(window.scores.n).toBe(260);
  });
});
