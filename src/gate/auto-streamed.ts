import {
  binned,
  levelsFrom,
  nullScale,
  pseudoWindows,
  scaleAgainstRest,
  toScale,
  type AutoInput,
  type AutoOutcome,
} from './auto-thresholds.js';
import { stdOf } from './measure-sketched.js';
import { OTHER } from './stats/categorical.js';
import { locationDraw } from './stats/mann-whitney.js';
import { sketchDispersion } from './stats/levene.js';
import {
  compareSketches,
  exactSide,
  sideOf,
  sketchBinCounts,
  sketchQuantile,
  type SketchSide,
} from './stats/sketch-compare.js';
import { normedWasserstein, stdPopulation } from './stats/wasserstein.js';
import {
  hoursOf,
  mergeCategoricalHours,
  mergeNumericHours,
  rowsOf,
  type StreamedWindow,
} from './stats/window-summary.js';

/**
 * Auto thresholds against a reference streamed into hour summaries (over
 * gate.exact_max_samples): each pseudo-current window drawn from the reference (whole hours,
 * src/gate/auto-thresholds.ts `pseudoWindows`) is the merge of its hours' summaries — counts
 * for categories and missingness (exact), quantile sketches for numbers (approximate: the
 * levels carry the largest rank-error bound of the draws) — compared with the whole reference.
 */
export function streamedAutoLevels(a: AutoInput, w: StreamedWindow): AutoOutcome {
  const windows = pseudoWindows(a.referenceRange, a.currentRange);
  if (windows.length === 0) {
    return {
      fallback:
        'auto thresholds need a reference window at least twice as long as the current one that covers each of its hours on 2 days or more',
    };
  }
  const hours = windows.map((blocks) => hoursOf(w.anchor, blocks));
  if (hours.some((h) => h === null)) {
    return {
      fallback:
        'auto thresholds on a window streamed into hour summaries (over gate.exact_max_samples) need a current window of whole hours, 4 or more; raise gate.exact_max_samples or set warn/alert',
    };
  }
  const { stat, profile: p, minSamples } = a;
  const scaled: number[] = [];
  let rankError = 0;
  const push = (v: { value: number; n1: number; n2: number } | null) => {
    if (v && Number.isFinite(v.value))
      scaled.push(toScale(stat, v.value / nullScale(stat, v.n1, v.n2)));
  };
  const refRows = rowsOf(w);
  const refMissing = w.kind === 'categorical' ? w.missing : w.whole.total - w.whole.moments.n;
  let whole: SketchSide | undefined;
  let refStd = NaN;
  let refMad = NaN;
  if (p.kind === 'sketched' || p.kind === 'numeric') {
    whole = p.kind === 'sketched' ? p.ref.side : exactSide(p.ref.sorted);
    refStd = p.kind === 'sketched' ? stdOf(p.ref.moments) : stdPopulation(p.ref.sorted);
    if (stat === 'scale' && w.kind === 'numeric') {
      const m = w.whole.finish().moments;
      refMad = sketchDispersion(whole, sketchQuantile(whole, 0.5), m).mad;
    }
  }
  for (const hs of hours as number[][]) {
    if (w.kind === 'categorical') {
      const d = mergeCategoricalHours(w, hs);
      if (stat === 'missing_rate') {
        push(missingDraw(d.missing, d.total, refMissing, refRows, minSamples));
        continue;
      }
      if (p.kind !== 'categorical') continue;
      const index = new Map(p.counts.categories.map((c, i) => [c, i]));
      const other = index.get(OTHER) as number;
      const draw = new Float64Array(p.counts.ref.length);
      for (const [l, c] of d.counts) {
        const k = index.get(l) ?? other;
        draw[k] = (draw[k] as number) + c;
      }
      push(binned(stat, draw, p.counts.ref, minSamples));
      continue;
    }
    const d = mergeNumericHours(w, hs);
    if (stat === 'missing_rate') {
      push(missingDraw(d.missing, d.total, refMissing, refRows, minSamples));
      continue;
    }
    if (!whole) continue;
    const side = sideOf(d.sketch);
    rankError = Math.max(rankError, side.eps);
    const n1 = side.count;
    const n2 = whole.count - n1;
    if (n1 < minSamples || n2 < minSamples) continue;
    if (stat === 'psi' || stat === 'js') {
      const edges = a.edges as Float64Array;
      push(binned(stat, sketchBinCounts(side, edges), sketchBinCounts(whole, edges), minSamples));
    } else if (stat === 'location') {
      push({ value: locationDraw(whole, side), n1, n2 });
    } else if (stat === 'scale') {
      const mad = sketchDispersion(side, sketchQuantile(side, 0.5), d.moments).mad;
      push({ value: scaleAgainstRest(mad, refMad, n1, n2), n1, n2 });
    } else {
      const w1 = compareSketches(whole, side).w1 / (1 - n1 / whole.count);
      push({ value: stat === 'wasserstein' ? w1 : normedWasserstein(w1, refStd), n1, n2 });
    }
  }
  const out = levelsFrom(a, scaled, windows.length);
  if ('levels' in out && w.kind === 'numeric' && stat !== 'missing_rate')
    out.levels.rankError = Math.max(rankError, whole?.eps ?? 0);
  return out;
}

function missingDraw(
  miss: number,
  n1: number,
  refMissing: number,
  refRows: number,
  minSamples: number,
): { value: number; n1: number; n2: number } | null {
  const n2 = refRows - n1;
  if (n1 < minSamples || n2 < minSamples) return null;
  return { value: miss / n1 - (refMissing - miss) / n2, n1, n2 };
}
