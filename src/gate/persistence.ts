import type { Series, TimeRange } from '../metrics/types.js';
import type { CheckResult, Severity } from './types.js';

/** The samples of `s` whose timestamp passes `keep`, in their order. */
function pick(s: Series, keep: (t: number) => boolean): Series {
  const idx: number[] = [];
  for (let i = 0; i < s.timestamps.length; i++) if (keep(s.timestamps[i] as number)) idx.push(i);
  const out: Series = {
    name: s.name,
    timestamps: Float64Array.from(idx, (i) => s.timestamps[i] as number),
    values: Float64Array.from(idx, (i) => s.values[i] as number),
  };
  if (s.labels) out.labels = idx.map((i) => s.labels?.[i] as string);
  return out;
}

/** The samples of `s` with timestamps in [start, end). */
export function slice(s: Series, start: number, end: number): Series {
  return pick(s, (t) => t >= start && t < end);
}

/** The samples of `s` in any of `parts` ([start, end) each). */
export function sliceParts(s: Series, parts: TimeRange[]): Series {
  return pick(s, (t) => parts.some((p) => t >= p.start && t < p.end));
}

/** Splits [start, end) into `n` equal sub-windows, oldest first. */
export function subWindows(range: TimeRange, n: number): TimeRange[] {
  const len = (range.end - range.start) / n;
  return Array.from({ length: n }, (_, i) => ({
    start: range.start + i * len,
    end: i === n - 1 ? range.end : range.start + (i + 1) * len,
  }));
}

/**
 * A monitor's evaluation window: the check breaches only when `breaches` of the `windows`
 * sub-windows of the current window breach at that level (k of n). Too few judgeable
 * sub-windows to reach k → insufficient. Value and detail stay those of the whole window.
 */
export function withPersistence(
  full: CheckResult,
  persistence: { windows: number; breaches: number },
  current: Series,
  range: TimeRange,
  statusOf: (sub: Series, window: TimeRange) => Severity,
): CheckResult {
  const { windows, breaches: k } = persistence;
  const statuses = subWindows(range, windows).map((w) =>
    statusOf(slice(current, w.start, w.end), w),
  );
  const judged = statuses.filter((s) => s !== 'insufficient').length;
  const alerts = statuses.filter((s) => s === 'alert').length;
  const warns = statuses.filter((s) => s === 'alert' || s === 'warn').length;
  let status: Severity;
  if (alerts >= k) status = 'alert';
  else if (warns >= k) status = 'warn';
  else if (judged < k) status = 'insufficient';
  else status = 'ok';
  const summary = `persistence: alert in ${alerts}, warn or worse in ${warns} of ${windows} sub-windows (needs ${k})`;
  return {
    ...full,
    status,
    detail: { ...(full.detail ?? {}), sub_windows: statuses.join(',') },
    note: full.note ? `${full.note}; ${summary}` : summary,
  };
}

const DAY_MS = 86_400_000;

/**
 * The samples of `s` at the times of day `window` covers (all of them for a window of a day or
 * more): a sub-window of the current window is compared with the same hours of the reference.
 */
export function sameHours(s: Series, window: TimeRange): Series {
  return sameHoursOf(s, [window]);
}

/** The samples of `s` at the times of day any of `parts` covers. */
export function sameHoursOf(s: Series, parts: TimeRange[]): Series {
  if (parts.some((p) => p.end - p.start >= DAY_MS)) return s;
  const mod = (a: number) => ((a % DAY_MS) + DAY_MS) % DAY_MS;
  return pick(s, (t) => parts.some((p) => mod(t - p.start) < p.end - p.start));
}

/**
 * The `drop` slices that moved most, by their effect (larger is more moved; for p-value checks
 * pass the negated p-value). Slices without a value never count as moved. Ties: the earlier
 * slice first, so the choice is deterministic.
 */
export function mostMoved(effects: (number | null)[], drop: number): Set<number> {
  const order = effects
    .map((e, i) => ({ e: e === null || Number.isNaN(e) ? -Infinity : e, i }))
    .sort((x, y) => y.e - x.e || x.i - y.i);
  return new Set(order.slice(0, Math.max(0, drop)).map((o) => o.i));
}
