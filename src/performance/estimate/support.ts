/**
 * Support check: CBPE holds only where the reference has seen data (NannyML's assumption "no
 * covariate shift to previously unseen regions"). Per compared column (the model's scores, and
 * each numeric feature when the log has them), the reference's observed range; the share of
 * current rows with any column outside it. Rows outside can move the realized accuracy by at
 * most their share, whatever the model does there, so the limit is the error one accepts.
 */
import type { ScoredWindow, SupportReport } from './types.js';

export const DEFAULT_SUPPORT_LIMIT = 0.02;

function range(v: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (Number.isFinite(x)) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  return [lo, hi];
}

function columns(w: ScoredWindow, classes: readonly string[]): Map<string, ArrayLike<number>> {
  const out = new Map<string, ArrayLike<number>>();
  const { n, k, p } = w.scores;
  const scored = k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);
  for (const c of scored)
    out.set(
      `score of ${classes[c] ?? c}`,
      Float64Array.from({ length: n }, (_, i) => p[i * k + c]!),
    );
  for (const [name, v] of Object.entries(w.features ?? {})) out.set(name, v);
  return out;
}

export function supportCheck(
  ref: ScoredWindow,
  cur: ScoredWindow,
  classes: readonly string[],
  limit = DEFAULT_SUPPORT_LIMIT,
): SupportReport {
  const refCols = columns(ref, classes);
  const curCols = columns(cur, classes);
  const n = cur.scores.n;
  const anyOutside = new Uint8Array(n);
  const report: SupportReport['columns'] = [];
  for (const [name, cv] of curCols) {
    const rv = refCols.get(name);
    if (!rv) continue;
    const [lo, hi] = range(rv);
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = cv[i]!;
      if (Number.isFinite(x) && (x < lo || x > hi)) {
        outside++;
        anyOutside[i] = 1;
      }
    }
    report.push({ column: name, outsideShare: n ? outside / n : 0, range: [lo, hi] });
  }
  report.sort((a, b) => b.outsideShare - a.outsideShare);
  const total = anyOutside.reduce((s, x) => s + x, 0);
  const hasFeatures = Object.keys(cur.features ?? {}).some((f) => refCols.has(f));
  return {
    basis: hasFeatures ? 'scores+features' : 'scores',
    outsideShare: n ? total / n : 0,
    limit,
    columns: report,
  };
}
