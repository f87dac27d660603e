import type { TimeRange } from './types.js';

/** Splits [start, end) into consecutive pieces of at most `size` ms (the last may be shorter). */
export function chunkRange(range: TimeRange, size: number): TimeRange[] {
  if (!(size > 0)) return [range];
  const out: TimeRange[] = [];
  for (let start = range.start; start < range.end; start += size) {
    out.push({ start, end: Math.min(range.end, start + size) });
  }
  return out;
}
