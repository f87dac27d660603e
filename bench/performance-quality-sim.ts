/**
 * Simulated prediction logs for performance-quality: a calibrated binary classifier (each
 * prediction is right with probability equal to its confidence), a reference window 7× the
 * current one, labels that arrive with a log-normal lag (median 6 h) so the current window is
 * only partly labelled. A drop lowers the confidence of the current window's predictions.
 */
import type { JoinedLog } from '../src/performance/join.js';
import { mulberry32 } from '../src/performance/intervals.js';

export const HOUR = 3_600_000;
export const CURRENT = { start: 0, end: 24 * HOUR };
export const REFERENCE = { start: -7 * 24 * HOUR, end: 0 };
export const SCENARIOS = { none: 0.9, drop_2pt: 0.88, drop_5pt: 0.85 } as const;
export type Scenario = keyof typeof SCENARIOS;

/** Beta(a, 1) draws by inversion: confidence 0.5 + 0.5·B, mean 0.5 + 0.5·a/(a+1). */
function alphaFor(accuracy: number): number {
  const m = (accuracy - 0.5) / 0.5;
  return m / (1 - m);
}

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** A joined log with exactly `n` labelled predictions in the current window and 7n in the reference. */
export function simulateLog(scenario: Scenario, n: number, seed: number): JoinedLog {
  const rand = mulberry32(seed);
  // Room for every row: the reference is all labelled but for its last hours, the current
  // window about three in four; columns grow if a draw needs more.
  let cap = Math.ceil(7.2 * n + 2 * n) + 64;
  let t = new Float64Array(cap);
  let labelled = new Uint8Array(cap);
  let pred = new Float64Array(cap);
  let truth = new Float64Array(cap);
  let scores = new Float64Array(cap);
  let rows = 0;
  const grow = () => {
    cap *= 2;
    const g = <T extends Float64Array | Uint8Array>(a: T, make: (k: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    t = g(t, (k) => new Float64Array(k));
    labelled = g(labelled, (k) => new Uint8Array(k));
    pred = g(pred, (k) => new Float64Array(k));
    truth = g(truth, (k) => new Float64Array(k));
    scores = g(scores, (k) => new Float64Array(k));
  };
  const add = (range: { start: number; end: number }, accuracy: number, wanted: number) => {
    const inv = 1 / alphaFor(accuracy);
    let got = 0;
    while (got < wanted) {
      if (rows === cap) grow();
      const ti = range.start + rand() * (range.end - range.start);
      const conf = 0.5 + 0.5 * rand() ** inv;
      const p = rand() < 0.5 ? conf : 1 - conf; // P(positive)
      const y = rand() < p ? 1 : 0;
      const lag = Math.exp(Math.log(6 * HOUR) + normal(rand));
      const known = ti + lag < CURRENT.end;
      t[rows] = ti;
      pred[rows] = p >= 0.5 ? 1 : 0;
      scores[rows] = p;
      truth[rows] = known ? y : NaN;
      labelled[rows] = known ? 1 : 0;
      rows++;
      if (known) got++;
    }
  };
  add(REFERENCE, 0.9, 7 * n);
  add(CURRENT, SCENARIOS[scenario], n);
  return {
    task: 'binary',
    classes: ['0', '1'],
    positive: '1',
    scoreWidth: 1,
    rows,
    t: t.subarray(0, rows),
    labelled: labelled.subarray(0, rows),
    pred: pred.subarray(0, rows),
    truth: truth.subarray(0, rows),
    scores: scores.subarray(0, rows),
    labelTime: new Float64Array(rows).fill(NaN),
    segments: [],
    stats: {
      predictions: rows,
      outside: 0,
      duplicatePredictions: { count: 0 },
      labels: 8 * n,
      unknownIds: { count: 0 },
      labelsOutside: 0,
      duplicateLabels: { count: 0 },
      conflictingLabels: { count: 0 },
      missingLabelValues: { count: 0 },
      unknownClasses: new Map(),
      newestLabel: null,
    },
    duplicatePolicy: 'latest',
  };
}

/** Accuracy of the labelled rows of a window. */
export function accuracyIn(log: JoinedLog, range: { start: number; end: number }): number {
  let hit = 0;
  let n = 0;
  for (let i = 0; i < log.rows; i++) {
    const ti = log.t[i]!;
    if (!log.labelled[i] || ti < range.start || ti >= range.end) continue;
    n++;
    if (log.pred[i] === log.truth[i]) hit++;
  }
  return hit / n;
}
