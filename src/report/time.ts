import type { TimeRange } from '../metrics/types.js';
import type { IsoRange } from './types.js';

/** A window in epoch milliseconds as ISO 8601 instants, for the report. */
export function isoRange(r: TimeRange): IsoRange {
  return { start: new Date(r.start).toISOString(), end: new Date(r.end).toISOString() };
}

/** An ISO instant for people: "2026-11-18 00:00 UTC" (seconds only when they are not zero). */
export function humanTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?(\.\d+)?Z$/.exec(iso);
  if (!m) return iso;
  const sec = m[3] && m[3] !== ':00' ? m[3] : '';
  return `${m[1]} ${m[2]}${sec}`;
}

/** A window for people: "2026-11-18 00:00 → 2026-11-19 00:00 UTC". */
export function humanRange(r: IsoRange): string {
  return `${humanTime(r.start)} → ${humanTime(r.end)} UTC`;
}
