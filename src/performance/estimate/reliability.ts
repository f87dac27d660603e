/**
 * When an estimate cannot be trusted. Each rule checks one assumption CBPE rests on and says,
 * in words, which failed; any failure makes the estimate `unreliable`, which the gate shows as
 * such and never as `ok`.
 */
import type { AtcReport, CalibrationReport, Reliability, SupportReport } from './types.js';

/** Scores still this far from calibrated after calibration (cross-validated ECE). */
export const DEFAULT_MAX_ECE = 0.1;
/** CBPE and ATC may differ by this much under a benign covariate shift (bench-measured). */
export const DEFAULT_ATC_BASE = 0.05;

/**
 * Tolerance on |CBPE − ATC|: a fixed allowance for ATC's own bias under covariate shift plus
 * three standard errors of a share of n rows (ATC's estimate is one).
 */
export function atcTolerance(accuracy: number, n: number, base = DEFAULT_ATC_BASE): number {
  const a = Math.min(Math.max(accuracy, 0), 1);
  return base + 3 * Math.sqrt((a * (1 - a)) / Math.max(n, 1));
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const pts = (x: number) => `${(100 * x).toFixed(1)} points`;

export function judgeReliability(r: {
  n: number;
  support: SupportReport;
  atc: AtcReport;
  calibration: CalibrationReport;
  maxEce: number;
}): Reliability {
  const reasons: string[] = [];
  const { support, atc, calibration } = r;
  if (support.outsideShare > support.limit) {
    const worst = support.columns[0];
    reasons.push(
      `${pct(support.outsideShare)} of the window's rows lie outside what the reference covered (limit ${pct(support.limit)})` +
        (worst
          ? `, most in ${worst.column} (${pct(worst.outsideShare)} outside [${worst.range[0]}, ${worst.range[1]}])`
          : ''),
    );
  }
  if (atc.difference > atc.tolerance)
    reasons.push(
      `ATC puts accuracy at ${atc.accuracy.toFixed(3)}, ${pts(atc.difference)} from the confidence-based estimate (tolerance ${pts(atc.tolerance)}): at least one of them is wrong on this window`,
    );
  if (calibration.eceUsed > r.maxEce)
    reasons.push(
      `the scores are not calibrated even after isotonic calibration: cross-validated ECE ${calibration.eceUsed.toFixed(3)} on the reference (limit ${r.maxEce})`,
    );
  return { reliable: reasons.length === 0, reasons };
}
