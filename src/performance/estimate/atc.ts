/**
 * Average Thresholded Confidence (Garg, Balakrishnan, Lipton, Neyshabur, Sedghi; ICLR 2022,
 * arXiv 2201.04234), the cross-check beside CBPE: on the labelled reference, find the
 * confidence t below which the share of rows equals the reference's error rate; the window's
 * predicted accuracy is its share of rows at or above t. Confidence is the negative entropy
 * of the raw scores (the paper's better-performing variant; for a binary model it orders rows
 * as the maximum probability does). ATC leans on a different assumption than calibration, so
 * the two disagreeing says that at least one of them is wrong here.
 */
import type { ScoreMatrix } from './types.js';

export function negativeEntropy(s: ScoreMatrix): Float64Array {
  const out = new Float64Array(s.n);
  for (let i = 0; i < s.n; i++) {
    let h = 0;
    for (let c = 0; c < s.k; c++) {
      const p = s.p[i * s.k + c]!;
      if (p > 0) h += p * Math.log(p);
    }
    out[i] = h;
  }
  return out;
}

export interface AtcFit {
  threshold: number;
}

/** `referenceAccuracy` is the realized accuracy on the reference rows. */
export function fitAtc(ref: ScoreMatrix, referenceAccuracy: number): AtcFit {
  const conf = negativeEntropy(ref).sort();
  const below = Math.min(conf.length - 1, Math.floor((1 - referenceAccuracy) * conf.length));
  return { threshold: conf[below]! };
}

export function atcAccuracy(fit: AtcFit, cur: ScoreMatrix): number {
  const conf = negativeEntropy(cur);
  let above = 0;
  for (const c of conf) if (c >= fit.threshold) above++;
  return conf.length ? above / conf.length : 0;
}
