import type { Series, TimeRange } from '../metrics/types.js';

/** The windows auto thresholds draw from the reference, hour by hour, and the cache of them. */
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Pseudo-current windows drawn from the reference. */
export const DRAWS = 40;

/**
 * Pseudo-current windows built from the reference, matched by time of day: the current window
 * is cut into blocks (an hour, or a quarter of a window shorter than 4 hours), and each block is
 * replaced by the block at the same time of day on a randomly chosen reference day (never the
 * same block twice in one window). Blocks keep the series' short-range autocorrelation; the
 * matching keeps daily seasonality out of the spread. Returns [] when the reference is shorter
 * than twice the current window or covers one of its hours on fewer than 2 days.
 */
export function pseudoWindows(
  reference: TimeRange,
  current: TimeRange | TimeRange[],
  draws = DRAWS,
  seed = 1,
): TimeRange[][] {
  const parts = Array.isArray(current) ? current : [current];
  const dur = parts.reduce((s, p) => s + (p.end - p.start), 0);
  if (!(dur > 0) || reference.end - reference.start < 2 * dur) return [];
  const len = dur >= 4 * HOUR_MS ? HOUR_MS : dur / 4;
  const mod = (a: number, m: number) => ((a % m) + m) % m;
  const candidates: { length: number; starts: number[] }[] = [];
  for (const part of parts) {
    for (let o = part.start; o < part.end; o += len) {
      const length = Math.min(len, part.end - o);
      const starts: number[] = [];
      let st = reference.start + mod(o - reference.start, DAY_MS);
      for (; st + length <= reference.end; st += DAY_MS) starts.push(st);
      if (starts.length < 2) return [];
      candidates.push({ length, starts });
    }
  }
  let state = seed | 0;
  const uniform = (): number => {
    let t = (state = (state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: TimeRange[][] = [];
  for (let d = 0; d < draws; d++) {
    const used = new Set<number>();
    const blocks: TimeRange[] = [];
    for (const c of candidates) {
      const free = c.starts.filter((s) => !used.has(s));
      if (free.length === 0) return [];
      const s = free[Math.floor(uniform() * free.length)] as number;
      used.add(s);
      blocks.push({ start: s, end: s + c.length });
    }
    out.push(blocks);
  }
  return out;
}

/**
 * Sample indices of a series in time order, for cutting blocks by binary search. Logs arrive in
 * time order almost always: then the timestamps are searched in place, with no index or copy.
 */
class TimeIndex {
  private readonly order: Uint32Array | null;
  private readonly times: Float64Array;
  constructor(s: Series) {
    const n = s.timestamps.length;
    let sorted = true;
    for (let i = 1; i < n && sorted; i++)
      sorted = (s.timestamps[i - 1] as number) <= (s.timestamps[i] as number);
    if (sorted) {
      this.order = null;
      this.times = s.timestamps;
      return;
    }
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => (s.timestamps[a] as number) - (s.timestamps[b] as number));
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) times[i] = s.timestamps[order[i] as number] as number;
    this.order = order;
    this.times = times;
  }
  private lower(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.times[mid] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  indices(blocks: TimeRange[]): number[] {
    const out: number[] = [];
    for (const b of blocks) {
      const hi = this.lower(b.end);
      for (let k = this.lower(b.start); k < hi; k++)
        out.push(this.order ? (this.order[k] as number) : k);
    }
    return out;
  }
}

/** Draws shared by the checks on one series: each is cut and sorted once. */
export class DrawCache {
  private readonly byKey = new Map<string, { idx: number[]; sorted?: Float64Array }[]>();
  draws(reference: Series, referenceRange: TimeRange, current: TimeRange | TimeRange[]) {
    const parts = Array.isArray(current) ? current : [current];
    const key = `${reference.name}|${reference.values.length}|${referenceRange.start}|${referenceRange.end}|${parts.map((p) => `${p.start}-${p.end}`).join(',')}`;
    let d = this.byKey.get(key);
    if (!d) {
      // The windows first: when none can be drawn the series is never indexed.
      const windows = pseudoWindows(referenceRange, parts);
      const time = windows.length ? new TimeIndex(reference) : null;
      d = windows.map((blocks) => ({ idx: (time as TimeIndex).indices(blocks) }));
      this.byKey.set(key, d);
    }
    return d;
  }
}
