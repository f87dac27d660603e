import type { MetricsResult, Series } from '../metrics/types.js';
import { sideOf, sketchQuantile } from '../gate/stats/sketch-compare.js';
import { HOUR_MS, type StreamedWindow } from '../gate/stats/window-summary.js';

/** Points a stand-in for a streamed window's distribution holds (quantiles; label shares). */
const POINTS = 10_000;

export interface Chartable {
  /** The windows for charts over time. */
  overTime: MetricsResult;
  /** The windows for distribution charts. */
  distribution: MetricsResult;
  /** Series whose windows were streamed. */
  streamed: Set<string>;
}

/**
 * Windows streamed into summaries (over gate.exact_max_samples) have no samples to draw: the
 * charts get stand-ins built from the summaries — over time one point per hour at the hour's
 * mean; for the distribution the window's quantiles (numbers) or its category shares (labels)
 * — and their captions say so.
 */
export function chartable(metrics: MetricsResult): Chartable {
  const streamed = new Set<string>();
  const swap = (w: MetricsResult['current'], f: (name: string, s: StreamedWindow) => Series) => {
    const series: Record<string, Series> = {};
    for (const [name, s] of Object.entries(w.series)) {
      if (s.streamed) streamed.add(name);
      series[name] = s.streamed ? f(name, s.streamed) : s;
    }
    return { ...w, series };
  };
  const build = (f: (name: string, s: StreamedWindow) => Series): MetricsResult => ({
    ...metrics,
    current: swap(metrics.current, f),
    ...(metrics.reference ? { reference: swap(metrics.reference, f) } : {}),
  });
  const overTime = build(hourlyMeans);
  if (!streamed.size) return { overTime: metrics, distribution: metrics, streamed };
  return { overTime, distribution: build(quantiles), streamed };
}

export function streamedCaption<C extends { caption: string }>(
  chart: C,
  name: string,
  streamed: Set<string>,
): C {
  if (!streamed.has(name)) return chart;
  return {
    ...chart,
    caption: `${chart.caption} · streamed window (more rows than gate.exact_max_samples): drawn from its summaries, hourly means over time, sketch quantiles or category shares for the distribution`,
  };
}

function hourlyMeans(name: string, w: StreamedWindow): Series {
  if (w.kind === 'categorical') return quantiles(name, w);
  const hours = [...w.hours.entries()].sort((a, b) => a[0] - b[0]);
  const timestamps = Float64Array.from(hours, ([h]) => w.anchor + (h + 0.5) * HOUR_MS);
  const values = Float64Array.from(hours, ([, hour]) => (hour.moments.n ? hour.moments.mean : NaN));
  return { name, timestamps, values };
}

function quantiles(name: string, w: StreamedWindow): Series {
  if (w.kind === 'categorical') {
    const labels: string[] = [];
    const known = w.total - w.missing;
    for (const [label, count] of w.counts) {
      const k = known ? Math.round((POINTS * count) / known) : 0;
      for (let i = 0; i < k; i++) labels.push(label);
    }
    const n = labels.length;
    return {
      name,
      timestamps: new Float64Array(n),
      values: new Float64Array(n).fill(NaN),
      labels,
    };
  }
  const side = w.whole.finish();
  if (side.exact) {
    const sorted = side.cleaned.sorted;
    return { name, timestamps: new Float64Array(sorted.length), values: sorted };
  }
  const s = sideOf(side.sketch);
  const values = new Float64Array(POINTS);
  for (let i = 0; i < POINTS; i++) values[i] = sketchQuantile(s, (i + 0.5) / POINTS);
  return { name, timestamps: new Float64Array(POINTS), values };
}
