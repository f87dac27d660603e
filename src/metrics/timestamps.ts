/**
 * Timestamps as users write them: ISO-8601 strings or epoch numbers in seconds, milliseconds,
 * microseconds or nanoseconds. Returns epoch milliseconds, or undefined when unreadable.
 */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? epochToMs(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const fast = parseIsoUtcFast(value);
  if (fast !== undefined) return fast;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return epochToMs(Number(text));
  return parseIso(text);
}

/**
 * Epoch numbers carry no unit, so the magnitude decides: 1e11 seconds is the year 5138 while
 * 1e11 milliseconds is 1973, so any realistic time is unambiguous.
 */
export function epochToMs(n: number): number {
  const abs = Math.abs(n);
  if (abs < 1e11) return Math.round(n * 1000);
  if (abs < 1e14) return Math.round(n);
  if (abs < 1e17) return Math.round(n / 1e3);
  return Math.round(n / 1e6);
}

const ISO =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * The form metrics exports write on every row, `2026-01-31T12:00:00Z` (optionally with
 * milliseconds), read from its digits: a file of millions of rows spends most of its time
 * here otherwise. Anything else (other zones, fractions of other lengths, odd spacing) is left
 * to parseIso; an impossible date (month 13, 30 February) is too, so both paths agree.
 */
function parseIsoUtcFast(s: string): number | undefined {
  const n = s.length;
  if (n !== 20 && n !== 24) return undefined;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84) return undefined;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(n - 1) !== 90)
    return undefined;
  if (n === 24 && s.charCodeAt(19) !== 46) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  const ms = n === 24 ? digits(s, 20, 3) : 0;
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59) return undefined;
  if (second > 59 || ms < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The number written by `len` ASCII digits at `at`, or -1. */
function digits(s: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** ISO-8601 date or date-time; a time without a zone is UTC (never the runner's local zone). */
export function parseIso(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, date, time, zone] = m;
  let iso = time ? `${date}T${time}` : `${date}T00:00:00`;
  if (!zone || zone.toUpperCase() === 'Z') iso += 'Z';
  else if (/^[+-]\d{2}$/.test(zone)) iso += `${zone}:00`;
  else if (/^[+-]\d{4}$/.test(zone)) iso += `${zone.slice(0, 3)}:${zone.slice(3)}`;
  else iso += zone;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}
