/**
 * Confusion-matrix metrics, each equal to the scikit-learn function named beside it (default
 * arguments, zero_division=0 where a ratio has no denominator, labels = those seen in the truth or
 * the predictions, sorted).
 */
import type { ClassData } from './types.js';

/** k×k counts, row = truth, column = prediction (sklearn.metrics.confusion_matrix). */
export function confusionMatrix(
  d: Pick<ClassData, 'classes' | 'truth' | 'pred'>,
  idx?: Uint32Array,
): Float64Array {
  const k = d.classes.length;
  const m = new Float64Array(k * k);
  const { truth, pred } = d;
  if (idx)
    for (let j = 0; j < idx.length; j++) {
      const i = idx[j]!;
      m[truth[i]! * k + pred[i]!]!++;
    }
  else for (let i = 0; i < truth.length; i++) m[truth[i]! * k + pred[i]!]!++;
  return m;
}

export interface PerClass {
  tp: Float64Array;
  fp: Float64Array;
  fn: Float64Array;
  support: Float64Array;
  /** Classes seen in the truth or the predictions (scikit-learn's labels). */
  present: number[];
  total: number;
}

export function perClass(cm: Float64Array, k: number): PerClass {
  const tp = new Float64Array(k);
  const fp = new Float64Array(k);
  const fn = new Float64Array(k);
  const support = new Float64Array(k);
  let total = 0;
  for (let t = 0; t < k; t++)
    for (let p = 0; p < k; p++) {
      const c = cm[t * k + p]!;
      total += c;
      support[t]! += c;
      if (t === p) tp[t]! += c;
      else {
        fn[t]! += c;
        fp[p]! += c;
      }
    }
  const present: number[] = [];
  for (let c = 0; c < k; c++) if (support[c]! > 0 || tp[c]! + fp[c]! > 0) present.push(c);
  return { tp, fp, fn, support, present, total };
}

/** accuracy_score */
export function accuracy(s: PerClass): number | null {
  if (s.total === 0) return null;
  let hit = 0;
  for (let c = 0; c < s.tp.length; c++) hit += s.tp[c]!;
  return hit / s.total;
}

/** balanced_accuracy_score: mean recall over the classes present in the truth. */
export function balancedAccuracy(s: PerClass): number | null {
  let sum = 0;
  let n = 0;
  for (let c = 0; c < s.tp.length; c++) {
    if (s.support[c]! === 0) continue;
    sum += s.tp[c]! / s.support[c]!;
    n++;
  }
  return n === 0 ? null : sum / n;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export type Average = 'binary' | 'macro' | 'weighted';
export type PrfKind = 'precision' | 'recall' | 'f1';

function one(kind: PrfKind, s: PerClass, c: number): number {
  const tp = s.tp[c]!;
  if (kind === 'precision') return ratio(tp, tp + s.fp[c]!);
  if (kind === 'recall') return ratio(tp, tp + s.fn[c]!);
  return ratio(2 * tp, 2 * tp + s.fp[c]! + s.fn[c]!);
}

/** precision_score / recall_score / f1_score with average binary (pos_label), macro or weighted. */
export function prf(kind: PrfKind, average: Average, s: PerClass, positive: number): number | null {
  if (s.total === 0) return null;
  if (average === 'binary') return one(kind, s, positive);
  if (average === 'macro') {
    let sum = 0;
    for (const c of s.present) sum += one(kind, s, c);
    return s.present.length ? sum / s.present.length : 0;
  }
  let sum = 0;
  let w = 0;
  for (const c of s.present) {
    sum += one(kind, s, c) * s.support[c]!;
    w += s.support[c]!;
  }
  return w === 0 ? 0 : sum / w;
}

/** Why a precision/recall/F1 value rests on zero_division=0, in words; undefined when it does not. */
export function prfNote(
  kind: PrfKind,
  average: Average,
  s: PerClass,
  positive: number,
  classes: string[],
): string | undefined {
  const cs = average === 'binary' ? [positive] : s.present;
  const noPred = cs.filter((c) => s.tp[c]! + s.fp[c]! === 0).map((c) => classes[c]);
  const noTrue = cs.filter((c) => s.support[c]! === 0).map((c) => classes[c]);
  if (kind !== 'recall' && noPred.length)
    return `never predicted: ${noPred.join(', ')}; its precision counts as 0 (scikit-learn's zero_division=0)`;
  if (kind !== 'precision' && noTrue.length)
    return `no true labels of ${noTrue.join(', ')} in the window; its recall counts as 0 (scikit-learn's zero_division=0)`;
  return undefined;
}
