/**
 * Charts for the job summary and the warning issue, as Mermaid `xychart-beta` blocks (GitHub
 * renders them). Pure. Every chart is bounded (at most MAX_POINTS categories) and a chart that
 * cannot be drawn (too few points, values that are not finite) is left out, never emitted half.
 * Mermaid's xychart has no legend: the colours are fixed by a palette and named in a caption.
 */
import { aggregate, isAggregate, type Aggregate } from '../gate/aggregate.js';
import { chartable, streamedCaption } from './charts-streamed.js';
import { isDistribution } from '../gate/measure.js';
import { categoryCounts, OTHER } from '../gate/stats/categorical.js';
import { binCountsUnsorted, finiteCopy, quantileEdgesUnsorted } from '../gate/stats/psi-raw.js';
import type { CheckResult } from '../gate/types.js';
import type { MetricsResult, Series, TimeRange } from '../metrics/types.js';
import { escapeInline } from '../text/escape.js';
import type { Verdict } from '../validate/types.js';

/** Categories on the x axis, at most. */
export const MAX_POINTS = 36;
/** Charts of each kind (series, distribution), at most. */
export const MAX_CHARTS = 4;

const COLOR = {
  window: '#c9daf8',
  series: '#1f6feb',
  warn: '#d29922',
  alert: '#cf222e',
  reference: '#8c959f',
};

export interface Chart {
  /** The Mermaid source, without the fence. */
  mermaid: string;
  /** One line under the chart naming the colours (Mermaid's xychart has no legend). */
  caption: string;
}

/** A chart as Markdown: the fenced block and its caption. */
export function chartMarkdown(c: Chart): string {
  return `\`\`\`mermaid\n${c.mermaid}\n\`\`\`\n\n<sub>${c.caption}</sub>`;
}

/** Outside text inside a quoted Mermaid label: no quotes, no markup, no comment or entity starts. */
export function chartText(text: string, max = 48): string {
  const t = String(text)
    .replace(/[^\p{L}\p{N} ._:/()+\-=,·→']/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** A number as Mermaid's grammar accepts it: plain decimal, no exponent. */
export function chartNumber(v: number): string {
  const s = String(Number(v.toPrecision(6)));
  if (!/e/i.test(s)) return s;
  return Math.abs(v) < 1 ? v.toFixed(12).replace(/\.?0+$/, '') : BigInt(Math.round(v)).toString();
}

/** Size and colours; Mermaid reads them from an init directive (GitHub honours it). */
function config(colors: string[], width: number, height: number): string {
  return `%%{init: {"xyChart": {"width": ${width}, "height": ${height}}, "themeVariables": {"xyChart": {"plotColorPalette": "${colors.join(', ')}"}}}}%%`;
}

function axisLabels(labels: string[], max = 24): string {
  return `[${labels.map((l) => `"${chartText(l, max)}"`).join(', ')}]`;
}

function axisRange(values: number[], zero = false): [number, number] | null {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return null;
  let lo = Math.min(...finite, ...(zero ? [0] : []));
  let hi = Math.max(...finite);
  if (hi === lo) {
    const pad = Math.abs(hi) * 0.05 || 1;
    return [zero ? lo : lo - pad, hi + pad];
  }
  const pad = (hi - lo) * 0.08;
  hi += pad;
  if (!zero) lo -= pad;
  return [Number(lo.toPrecision(3)), Number(hi.toPrecision(3))];
}

const STEPS = [
  60_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 14_400_000,
  21_600_000, 28_800_000, 43_200_000, 86_400_000, 172_800_000, 604_800_000, 1_209_600_000,
  2_592_000_000,
];

/** The smallest round bucket that cuts the span into at most MAX_POINTS pieces. */
export function bucketMs(span: number): number {
  return STEPS.find((s) => Math.ceil(span / s) <= MAX_POINTS) ?? Math.ceil(span / MAX_POINTS);
}

function stepName(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  return `${Math.round(ms / 60_000)} min`;
}

/** The aggregate drawn per bucket for a check: its own when it is one, else the mean. */
function bucketAggregate(check: CheckResult | undefined): Aggregate {
  if (!check) return 'mean';
  if (check.statistic === 'pct_change') {
    const of = check.detail?.of;
    return typeof of === 'string' && isAggregate(of) && of !== 'count' && of !== 'sum'
      ? of
      : 'mean';
  }
  if (isAggregate(check.statistic) && check.statistic !== 'count' && check.statistic !== 'sum')
    return check.statistic;
  return 'mean';
}

/** Warn/alert drawn in the series' own units: aggregates directly, pct_change from the reference. */
function levels(check: CheckResult): { warn?: number; alert?: number } {
  if (check.statistic === 'pct_change') {
    const ref = check.detail?.reference;
    if (typeof ref !== 'number' || !Number.isFinite(ref)) return {};
    const at = (t: number | undefined) => (t === undefined ? undefined : ref * (1 + t / 100));
    return { warn: at(check.warn), alert: at(check.alert) };
  }
  if (!isAggregate(check.statistic) || check.statistic === 'count' || check.statistic === 'sum')
    return {};
  return { warn: check.warn, alert: check.alert };
}

interface Bucketed {
  /** Bucket centres, epoch ms. */
  centers: number[];
  values: number[];
  current: boolean[];
  step: number;
  /** Empty buckets between two others, drawn on the straight line between them. */
  bridged: number;
}

type Windowed = { range: TimeRange; series?: Series; current: boolean }[];

const streamable = (agg: Aggregate): agg is 'mean' | 'min' | 'max' | 'last' =>
  agg === 'mean' || agg === 'min' || agg === 'max' || agg === 'last';

/** mean, min, max, last per bucket in one pass, no copy of the samples. */
function streamBuckets(
  windows: Windowed,
  agg: 'mean' | 'min' | 'max' | 'last',
  first: number,
  step: number,
  n: number,
  inCurrent: Uint8Array,
): (number | null)[] {
  const count = new Float64Array(n);
  const acc = new Float64Array(n).fill(agg === 'min' ? Infinity : agg === 'max' ? -Infinity : 0);
  const lastT = new Float64Array(n).fill(-Infinity);
  for (const w of windows) {
    const s = w.series;
    if (!s) continue;
    const { timestamps, values } = s;
    const { start, end } = w.range;
    const cur = w.current ? 1 : 0;
    for (let i = 0; i < timestamps.length; i++) {
      const t = timestamps[i] as number;
      const v = values[i] as number;
      if (t < start || t >= end || v - v !== 0) continue; // v - v is NaN for NaN and ±Inf
      const b = Math.floor((t - first) / step);
      if (b < 0 || b >= n) continue;
      count[b]++;
      if (cur) inCurrent[b] = 1;
      if (agg === 'mean') acc[b] += v;
      else if (agg === 'min') {
        if (v < (acc[b] as number)) acc[b] = v;
      } else if (agg === 'max') {
        if (v > (acc[b] as number)) acc[b] = v;
      } else if (t >= (lastT[b] as number)) {
        lastT[b] = t;
        acc[b] = v;
      }
    }
  }
  return Array.from(acc, (a, b) =>
    count[b] ? (agg === 'mean' ? a / (count[b] as number) : a) : null,
  );
}

/** Any aggregate (percentiles) per bucket: the samples scattered into one typed array. */
function scatterBuckets(
  windows: Windowed,
  agg: Aggregate,
  first: number,
  step: number,
  n: number,
  inCurrent: Uint8Array,
): (number | null)[] {
  const offsets = new Uint32Array(n + 1);
  const bucketOf = windows.map((w) => {
    const s = w.series;
    const idx = new Int32Array(s ? s.timestamps.length : 0).fill(-1);
    if (!s) return idx;
    for (let i = 0; i < idx.length; i++) {
      const t = s.timestamps[i] as number;
      const v = s.values[i] as number;
      if (t < w.range.start || t >= w.range.end || v - v !== 0) continue;
      const b = Math.floor((t - first) / step);
      if (b < 0 || b >= n) continue;
      idx[i] = b;
      offsets[b + 1]++;
      if (w.current) inCurrent[b] = 1;
    }
    return idx;
  });
  for (let b = 0; b < n; b++) offsets[b + 1] = (offsets[b + 1] as number) + (offsets[b] as number);
  const vals = new Float64Array(offsets[n] as number);
  const fill = offsets.slice(0, n);
  windows.forEach((w, k) => {
    const idx = bucketOf[k] as Int32Array;
    for (let i = 0; i < idx.length; i++) {
      const b = idx[i] as number;
      if (b >= 0) vals[fill[b]++ as number] = w.series!.values[i] as number;
    }
  });
  return Array.from({ length: n }, (_, b) => {
    const lo = offsets[b] as number;
    const hi = offsets[b + 1] as number;
    if (hi === lo) return null;
    const r = aggregate(agg, vals.subarray(lo, hi));
    return r.value !== null && Number.isFinite(r.value) ? r.value : null;
  });
}

function bucketSeries(windows: Windowed, agg: Aggregate): Bucketed | null {
  const start = Math.min(...windows.map((w) => w.range.start));
  const end = Math.max(...windows.map((w) => w.range.end));
  if (!(end > start)) return null;
  const step = bucketMs(end - start);
  // Buckets counted back from the end of the current window: the last one ends exactly there
  // (no point after the window), and a window whose length is a whole number of buckets starts
  // on a bucket edge, so no bucket mixes the reference and the current window.
  const n = Math.ceil((end - start) / step);
  const first = end - n * step;
  const inCurrent = new Uint8Array(n);
  const value: (number | null)[] = streamable(agg)
    ? streamBuckets(windows, agg, first, step, n, inCurrent)
    : scatterBuckets(windows, agg, first, step, n, inCurrent);
  const lo = value.findIndex((v) => v !== null);
  let hi = value.length - 1;
  while (hi >= 0 && value[hi] === null) hi--;
  if (lo < 0 || hi - lo < 1) return null;
  const out: Bucketed = { centers: [], values: [], current: [], step, bridged: 0 };
  // Mermaid spreads a line's points evenly over the x axis: every bucket needs a value, so an
  // empty one between two others is bridged (and the caption says how many).
  let prev = lo;
  for (let b = lo; b <= hi; b++) {
    let v = value[b] ?? null;
    if (v === null) {
      let next = b + 1;
      while (value[next] === null) next++;
      const a = value[prev] as number;
      const z = value[next] as number;
      v = a + ((z - a) * (b - prev)) / (next - prev);
      out.bridged++;
    } else prev = b;
    out.centers.push(first + b * step + step / 2);
    out.values.push(v);
    out.current.push(inCurrent[b] === 1);
  }
  return out;
}

/**
 * The gated series over the reference and the current window, one point per bucket, the
 * buckets of the current window shaded, and the first threshold check's warn and alert levels.
 *
 * The x axis is a band axis, one category per bucket: Mermaid sizes bars by the axis' tick
 * distance, which on a numeric axis is several buckets wide (shaded bars overlapped, hid
 * buckets and ran past the axis). On a band axis each bar is narrower than one bucket and sits
 * on its bucket's point of the line, at the line's value.
 */
export function seriesChart(
  name: string,
  checks: CheckResult[],
  metrics: MetricsResult,
  unit?: string,
): Chart | null {
  const cur = metrics.current.series[name];
  if (!cur || cur.labels) return null;
  const leveled = checks.find((c) => {
    const l = levels(c);
    return l.warn !== undefined || l.alert !== undefined;
  });
  const main = leveled ?? checks.find((c) => !isDistribution(c.statistic)) ?? checks[0];
  const agg = bucketAggregate(main);
  const windows = [{ range: metrics.current.range, series: cur, current: true }];
  if (metrics.reference)
    windows.unshift({
      range: metrics.reference.range,
      series: metrics.reference.series[name] as Series,
      current: false,
    });
  const b = bucketSeries(windows, agg);
  if (!b) return null;
  const lv = leveled ? levels(leveled) : {};
  const marks = [lv.warn, lv.alert].filter((x): x is number => Number.isFinite(x));
  const range = axisRange([...b.values, ...marks]);
  if (!range) return null;
  const [lo, hi] = range;
  const end = metrics.current.range.end;
  const colors = [COLOR.window, COLOR.series];
  const lines = [
    'xychart-beta',
    `  title "${chartText(name)}: ${agg} per ${stepName(b.step)}"`,
    `  x-axis ${bucketAxis(b, end)}`,
    `  y-axis "${chartText(unit ? `${name} (${unit})` : name)}" ${chartNumber(lo)} --> ${chartNumber(hi)}`,
    // The current window's buckets as bars up to the line's value; elsewhere a bar of no height.
    `  bar [${shadedValues(b, lo).map(chartNumber).join(', ')}]`,
    `  line [${b.values.map(chartNumber).join(', ')}]`,
  ];
  const shaded = b.current.filter(Boolean).length;
  const caption = [
    `🟦 ${escapeCaption(name)} (${agg} per ${stepName(b.step)})`,
    `shaded: the current window (last ${shaded} bucket${shaded === 1 ? '' : 's'})`,
  ];
  if (lv.warn !== undefined && Number.isFinite(lv.warn)) {
    lines.push(`  line [${b.values.map(() => chartNumber(lv.warn as number)).join(', ')}]`);
    colors.push(COLOR.warn);
    caption.push(`🟧 warn ${leveled!.op} ${chartNumber(lv.warn)}`);
  }
  if (lv.alert !== undefined && Number.isFinite(lv.alert)) {
    lines.push(`  line [${b.values.map(() => chartNumber(lv.alert as number)).join(', ')}]`);
    colors.push(COLOR.alert);
    caption.push(`🟥 alert ${leveled!.op} ${chartNumber(lv.alert)}`);
  }
  if (b.bridged)
    caption.push(`${b.bridged} empty bucket${b.bridged > 1 ? 's' : ''} bridged by a straight line`);
  return {
    mermaid: [config(colors, 900, 360), ...lines].join('\n'),
    caption: caption.join(' · '),
  };
}

/** The bar series: the line's own value on the current window's buckets, the axis floor elsewhere. */
export function shadedValues(b: Pick<Bucketed, 'values' | 'current'>, floor: number): number[] {
  return b.values.map((v, i) => (b.current[i] ? v : floor));
}

/** Labels shown on the x axis, at most. */
const MAX_LABELS = 9;
/** Zero-width spaces: unlabelled buckets still need distinct category names. */
const BLANK = '\u200b';

/**
 * At most MAX_LABELS of the labels shown, every k-th counted back from the last, so a long
 * axis stays readable; the others become distinct blank categories.
 */
export function sparseLabels(labels: string[]): string[] {
  const n = labels.length;
  const k = Math.max(1, Math.ceil(n / MAX_LABELS));
  return labels.map((l, i) => ((n - 1 - i) % k === 0 ? l : BLANK.repeat(i + 1)));
}

/**
 * One category per bucket, labelled with its start before the end of the current window
 * ("-7 d" … "-1 d"), every k-th bucket counted back from the end so labels fall on round
 * offsets; the others blank.
 */
function bucketAxis(b: Bucketed, end: number): string {
  const n = b.values.length;
  const span = n * b.step;
  const [unitMs, unitName, short] =
    span <= 2 * 86_400_000 ? [3_600_000, 'hours', 'h'] : [86_400_000, 'days', 'd'];
  const k = Math.max(1, Math.ceil(n / MAX_LABELS));
  const labels = b.centers.map((c, i) => {
    const start = c - b.step / 2;
    if ((n - i) % k !== 0) return BLANK.repeat(i + 1);
    return `${chartNumber(Number(((start - end) / unitMs).toFixed(2)))} ${short}`;
  });
  return `"bucket start, ${unitName} before the end of the current window" [${labels.map((l) => `"${l}"`).join(', ')}]`;
}

/** The current window's share per reference-decile bin (or category) against the reference's. */
export function distributionChart(name: string, reference: Series, current: Series): Chart | null {
  let labels: string[];
  let r: Float64Array;
  let c: Float64Array;
  let what: string;
  if (reference.labels || current.labels) {
    const k = categoryCounts(reference.labels ?? [], current.labels ?? []);
    labels = k.categories.map((x) => (x === OTHER ? 'other' : x));
    r = k.ref;
    c = k.cur;
    what = 'category';
    if (labels.length > MAX_POINTS) return null;
  } else {
    // Selection and one binning pass: rendering must not sort large windows again.
    const a = finiteCopy(reference.values);
    if (!a.length) return null;
    const edges = [...new Set(quantileEdgesUnsorted(a, 10))];
    const e = Float64Array.from(edges);
    r = binCountsUnsorted(a, e);
    c = binCountsUnsorted(current.values, e);
    labels = Array.from(r, (_, i) =>
      i === 0
        ? `< ${chartNumber(edges[0] as number)}`
        : i === edges.length
          ? `≥ ${chartNumber(edges[i - 1] as number)}`
          : `${chartNumber(edges[i - 1] as number)}–${chartNumber(edges[i] as number)}`,
    );
    what = 'reference-decile bin';
  }
  const nr = r.reduce((s, x) => s + x, 0);
  const nc = c.reduce((s, x) => s + x, 0);
  if (!nr || !nc || labels.length < 2) return null;
  const rs = Array.from(r, (x) => (100 * x) / nr);
  const cs = Array.from(c, (x) => (100 * x) / nc);
  const range = axisRange([...rs, ...cs], true);
  if (!range) return null;
  const lines = [
    config([COLOR.reference, COLOR.series], 700, 320),
    'xychart-beta',
    `  title "${chartText(name)}: share per ${what}"`,
    `  x-axis ${axisLabels(labels)}`,
    `  y-axis "share of samples in percent" 0 --> ${chartNumber(range[1])}`,
    `  bar [${rs.map(chartNumber).join(', ')}]`,
    `  line [${cs.map(chartNumber).join(', ')}]`,
  ];
  return {
    mermaid: lines.join('\n'),
    caption: `⬜ bars: reference window · 🟦 line: current window (${escapeCaption(name)}, share per ${what})`,
  };
}

/**
 * Champion against challenger, one pair of bars per metric on the primary metric's scale
 * (metrics ten times larger or smaller would flatten it and are left to the table).
 */
export function validationChart(v: Verdict): Chart | null {
  const rows = v.table.filter(
    (r) => r.champion !== null && Number.isFinite(r.champion) && Number.isFinite(r.challenger),
  );
  if (!rows.length) return null;
  const primary = rows.find((r) => r.role === 'primary') ?? rows[0]!;
  const scale = Math.max(Math.abs(primary.champion as number), Math.abs(primary.challenger));
  const kept = rows
    .filter((r) => {
      const m = Math.max(Math.abs(r.champion as number), Math.abs(r.challenger));
      return scale === 0 ? m === 0 : m <= scale * 10 && m >= scale / 10;
    })
    .slice(0, Math.floor(MAX_POINTS / 2));
  if (kept.some((r) => (r.champion as number) < 0 || r.challenger < 0)) return null;
  const labels: string[] = [];
  const champ: number[] = [];
  const chall: number[] = [];
  const version = v.championVersion != null ? ` v${v.championVersion}` : '';
  for (const r of kept) {
    labels.push(
      `${chartText(r.metric, 24)} · champion${version}`,
      `${chartText(r.metric, 24)} · challenger`,
    );
    champ.push(r.champion as number, 0);
    chall.push(0, r.challenger);
  }
  const range = axisRange([...champ, ...chall], true);
  if (!range || range[1] <= 0) return null;
  // Horizontal: the metric names read on the left instead of overlapping under the bars.
  const lines = [
    config([COLOR.reference, COLOR.series], 800, Math.min(600, 120 + 44 * labels.length)),
    'xychart-beta horizontal',
    '  title "champion and challenger"',
    `  x-axis ${axisLabels(labels, 40)}`,
    `  y-axis "metric value" 0 --> ${chartNumber(range[1])}`,
    `  bar [${champ.map(chartNumber).join(', ')}]`,
    `  bar [${chall.map(chartNumber).join(', ')}]`,
  ];
  const left = rows.length - kept.length;
  return {
    mermaid: lines.join('\n'),
    caption: `⬜ champion${version} · 🟦 challenger${left ? ` · ${left} metric${left > 1 ? 's' : ''} on another scale only in the table` : ''}`,
  };
}

/** The summary and the issue draw the same charts from the same windows: compute them once. */
const drawn = new WeakMap<MetricsResult, Map<string, Chart[]>>();

/** The charts of the gate, in the order of the checks: series first, then distributions. */
export function gateCharts(
  checks: CheckResult[],
  metrics: MetricsResult | undefined,
  units: Record<string, string> = {},
): Chart[] {
  if (!metrics) return [];
  const key = JSON.stringify([checks, units]);
  let cache = drawn.get(metrics);
  if (!cache) drawn.set(metrics, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) return hit;
  const charts = drawGateCharts(checks, metrics, units);
  cache.set(key, charts);
  return charts;
}

function drawGateCharts(
  checks: CheckResult[],
  metrics: MetricsResult,
  units: Record<string, string>,
): Chart[] {
  const bySeries = new Map<string, CheckResult[]>();
  for (const c of checks) bySeries.set(c.series, [...(bySeries.get(c.series) ?? []), c]);
  // Breached series first: the chart the on-call engineer needs is the one that fired.
  const rank = (cs: CheckResult[]) =>
    Math.min(...cs.map((c) => ({ alert: 0, warn: 1, insufficient: 2, ok: 3 })[c.status]));
  const ordered = [...bySeries].sort((a, b) => rank(a[1]) - rank(b[1]));
  const out: Chart[] = [];
  // windows streamed into summaries are drawn from them, and say so
  const { overTime, distribution, streamed } = chartable(metrics);
  for (const [name, cs] of ordered.slice(0, MAX_CHARTS)) {
    const chart = seriesChart(name, cs, overTime, units[name]);
    if (chart) out.push(streamedCaption(chart, name, streamed));
  }
  let dist = 0;
  for (const [name, cs] of ordered) {
    if (dist >= MAX_CHARTS || !cs.some((c) => isDistribution(c.statistic))) continue;
    const ref = distribution.reference?.series[name];
    const cur = distribution.current.series[name];
    const chart = ref && cur ? distributionChart(name, ref, cur) : null;
    if (chart) {
      out.push(streamedCaption(chart, name, streamed));
      dist++;
    }
  }
  return out;
}

/** Caption text is Markdown: outside names go in escaped. */
function escapeCaption(text: string): string {
  return escapeInline(chartText(text));
}
