/**
 * Calibration first (NannyML, docs/how_it_works/performance_estimation.rst, appendix
 * "Probability calibration"): on the labelled reference, split into stratified folds; per
 * class, fit isotonic regression on the other folds and compare the held-out expected
 * calibration error of raw and calibrated probabilities; calibrate that class only when the
 * mean held-out ECE improves. A multiclass row is renormalised to sum to 1 afterwards.
 */
import { ECE_BINS, expectedCalibrationError } from './ece.js';
import { fitIsotonicOrdered, predictIsotonic, type IsotonicFit } from './isotonic.js';
import { SeededRandom } from './rng.js';
import type { CalibrationReport, LabelledWindow, ScoreMatrix } from './types.js';

export const CALIBRATION_FOLDS = 3;

export interface Calibrator {
  /** Per class, the isotonic map applied (null: the raw probability is kept). */
  maps: (IsotonicFit | null)[];
  report: CalibrationReport;
}

/** Stratified folds: each class's rows dealt round-robin after a seeded shuffle. */
export function stratifiedFolds(labels: Int32Array, folds: number, seed: number): Int32Array {
  const rng = new SeededRandom(seed);
  const fold = new Int32Array(labels.length);
  const byClass = new Map<number, number[]>();
  labels.forEach((c, i) => {
    const list = byClass.get(c) ?? [];
    list.push(i);
    byClass.set(c, list);
  });
  let offset = 0;
  for (const rows of byClass.values()) {
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    rows.forEach((r, i) => (fold[r] = (i + offset) % folds));
    offset += rows.length;
  }
  return fold;
}

function column(s: ScoreMatrix, c: number): Float64Array {
  return Float64Array.from({ length: s.n }, (_, i) => s.p[i * s.k + c]!);
}

/** The classes whose column is calibrated: binary models calibrate the positive class alone. */
const calibratedClasses = (k: number): number[] =>
  k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);

export function fitCalibrator(
  ref: LabelledWindow,
  classes: readonly string[],
  options: { folds?: number; seed?: number; bins?: number } = {},
): Calibrator {
  const folds = options.folds ?? CALIBRATION_FOLDS;
  const bins = options.bins ?? ECE_BINS;
  const { scores, labels } = ref;
  const fold = stratifiedFolds(labels, folds, options.seed ?? 1);
  const maps: (IsotonicFit | null)[] = Array.from({ length: scores.k }, () => null);
  const perClass: NonNullable<CalibrationReport['perClass']> = [];
  for (const c of calibratedClasses(scores.k)) {
    const x = column(scores, c);
    const y = Float64Array.from(labels, (l) => (l === c ? 1 : 0));
    // One sort per class: each fold's training rows, taken in this order, are sorted too.
    const order = Int32Array.from({ length: scores.n }, (_, i) => i).sort(
      (a, b) => x[a]! - x[b]! || y[a]! - y[b]!,
    );
    let before = 0;
    let after = 0;
    for (let f = 0; f < folds; f++) {
      const fit = fitIsotonicOrdered(
        x,
        y,
        order.filter((i) => fold[i] !== f),
      );
      const test: number[] = [];
      for (let i = 0; i < scores.n; i++) if (fold[i] === f) test.push(i);
      const raw = test.map((i) => x[i]!);
      const yTest = test.map((i) => y[i]!);
      before += expectedCalibrationError(raw, yTest, bins) / folds;
      after +=
        expectedCalibrationError(
          raw.map((p) => predictIsotonic(fit, p)),
          yTest,
          bins,
        ) / folds;
    }
    const applied = after < before;
    if (applied) maps[c] = fitIsotonicOrdered(x, y, order);
    perClass.push({ class: classes[c] ?? String(c), applied, eceBefore: before, eceAfter: after });
  }
  const mean = (f: (x: (typeof perClass)[number]) => number) =>
    perClass.reduce((s, x) => s + f(x), 0) / perClass.length;
  const eceBefore = mean((x) => x.eceBefore);
  const eceAfter = mean((x) => x.eceAfter);
  const eceUsed = mean((x) => (x.applied ? x.eceAfter : x.eceBefore));
  return {
    maps,
    report: {
      method: 'isotonic',
      applied: perClass.some((x) => x.applied),
      eceBefore,
      eceAfter,
      eceUsed,
      folds,
      bins,
      ...(scores.k > 2 ? { perClass } : {}),
    },
  };
}

/** The probabilities the estimate uses: calibrated where the calibrator says so. */
export function applyCalibrator(cal: Calibrator, s: ScoreMatrix): ScoreMatrix {
  const { n, k } = s;
  const p = Float64Array.from(s.p);
  if (k === 2) {
    const map = cal.maps[1];
    if (map)
      for (let i = 0; i < n; i++) {
        const q = predictIsotonic(map, s.p[i * 2 + 1]!);
        p[i * 2 + 1] = q;
        p[i * 2] = 1 - q;
      }
    return { n, k, p };
  }
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const map = cal.maps[c];
      const v = map ? predictIsotonic(map, s.p[i * k + c]!) : s.p[i * k + c]!;
      p[i * k + c] = v;
      sum += v;
    }
    // Renormalise; a row every map sent to 0 keeps its raw probabilities.
    for (let c = 0; c < k; c++) p[i * k + c] = sum > 0 ? p[i * k + c]! / sum : s.p[i * k + c]!;
  }
  return { n, k, p };
}
