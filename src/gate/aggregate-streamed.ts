import { percentileOf, type Aggregate, type AggregateResult } from './aggregate.js';
import { sideOf, sketchQuantile } from './stats/sketch-compare.js';
import { quantileSorted } from './stats/quantile.js';
import type { StreamedWindow } from './stats/window-summary.js';

/**
 * An aggregate of a window streamed into summaries: count, sum, mean, min, max and last are
 * exact; a percentile comes from the quantile sketch once the window outgrew the exact limit,
 * and `approximate` then says by how much its rank can be off (a share of the samples).
 */
export function aggregateStreamed(
  statistic: Aggregate,
  w: StreamedWindow,
): AggregateResult & { approximate?: Record<string, number | string> } {
  if (w.kind === 'categorical') {
    // labels carry no number: as on the exact path, every sample is missing
    return { value: statistic === 'count' ? 0 : null, samples: 0, nan: w.total, inf: 0 };
  }
  const side = w.whole.finish();
  const n = side.moments.n;
  const nan = side.exact ? side.cleaned.nan : side.nan;
  const inf = side.exact ? side.cleaned.inf : side.inf;
  const base = { samples: n, nan, inf };
  if (statistic === 'count') return { value: n, ...base };
  if (n === 0) return { value: null, ...base };
  const q = percentileOf(statistic);
  if (q !== null) {
    if (side.exact) return { value: quantileSorted(side.cleaned.sorted, q), ...base };
    const s = sideOf(side.sketch);
    return {
      value: sketchQuantile(s, q),
      ...base,
      // the true percentile lies between the sketch's at q ∓ its rank error
      approximate: {
        approximate: 'quantile sketch',
        rank_error: s.eps,
        sketch_k: side.sketch.k,
        value_low: sketchQuantile(s, q - s.eps),
        value_high: sketchQuantile(s, q + s.eps),
      },
    };
  }
  const min = side.exact ? (side.cleaned.sorted[0] as number) : side.sketch.min;
  const max = side.exact ? (side.cleaned.sorted[n - 1] as number) : side.sketch.max;
  switch (statistic) {
    case 'mean':
      return { value: side.moments.mean, ...base };
    case 'sum':
      return { value: side.moments.mean * n, ...base };
    case 'min':
      return { value: min, ...base };
    case 'max':
      return { value: max, ...base };
    default:
      return { value: w.last ? w.last.v : null, ...base };
  }
}
