import type { Series, TimeRange } from '../metrics/types.js';
import type { CheckResult, Severity } from './types.js';

/** The samples of `s` with timestamps in [start, end). */
export function slice(s: Series, start: number, end: number): Series {
  const keep: number[] = [];
  for (let i = 0; i < s.timestamps.length; i++) {
    const t = s.timestamps[i] as number;
    if (t >= start && t < end) keep.push(i);
  }
  const out: Series = {
    name: s.name,
    timestamps: Float64Array.from(keep, (i) => s.timestamps[i] as number),
    values: Float64Array.from(keep, (i) => s.values[i] as number),
  };
  if (s.labels) out.labels = keep.map((i) => s.labels?.[i] as string);
  return out;
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
  const dur = window.end - window.start;
  if (dur >= DAY_MS) return s;
  const keep: number[] = [];
  for (let i = 0; i < s.timestamps.length; i++) {
    const off = ((((s.timestamps[i] as number) - window.start) % DAY_MS) + DAY_MS) % DAY_MS;
    if (off < dur) keep.push(i);
  }
  const out: Series = {
    name: s.name,
    timestamps: Float64Array.from(keep, (i) => s.timestamps[i] as number),
    values: Float64Array.from(keep, (i) => s.values[i] as number),
  };
  if (s.labels) out.labels = keep.map((i) => s.labels?.[i] as string);
  return out;
}
