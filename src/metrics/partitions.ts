/**
 * The time span an object can hold, read from its path the way data lakes lay logs out:
 * Hive keys (`dt=2026-12-01/`, `date=`, `year=2026/month=12/day=01/`, `hour=05/`), Firehose
 * folders (`2026/12/01/05/`) and a date in the file name (`predictions-2026-12-01.parquet`).
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

export type PartitionSpan =
  | { kind: 'span'; start: number; end: number }
  | { kind: 'none' }
  | { kind: 'bad'; segment: string; why: string };

interface Parts {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
}

const DATE_KEYS = new Set(['dt', 'date', 'day', 'ds', 'event_date', 'partition_date']);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::\d{2}(?::\d{2})?)?)?$/;

/**
 * Span [start, end) of a key relative to the listed prefix; `none` when its path says nothing
 * about time; `bad` when a partition key holds something that is not a date (the object is
 * then read whole, never dropped).
 */
export function partitionSpan(relativeKey: string): PartitionSpan {
  const segments = relativeKey.split('/');
  const file = segments.pop() ?? '';
  const p: Parts = {};
  for (const seg of segments) {
    const eq = seg.indexOf('=');
    if (eq > 0) {
      const key = seg.slice(0, eq).toLowerCase();
      const value = decodeURIComponent(seg.slice(eq + 1));
      const bad = hiveKey(key, value, p);
      if (bad) return { kind: 'bad', segment: seg, why: bad };
    }
  }
  if (p.year === undefined) firehose(segments, p);
  if (p.year === undefined) {
    const m = /(?:^|[^0-9])(\d{4})-(\d{2})-(\d{2})(?:[T_ -]?(\d{2})(?=[^0-9]|$))?/.exec(file);
    if (m) {
      const got = dateParts(m[1], m[2], m[3], m[4]);
      if (got) Object.assign(p, got);
    }
  }
  return spanOf(p);
}

/** Applies one Hive key; returns why its value is unusable, or undefined. */
function hiveKey(key: string, value: string, p: Parts): string | undefined {
  if (DATE_KEYS.has(key) && (key !== 'day' || value.length > 2)) {
    const m = ISO_DATE.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value);
    const got = m && dateParts(m[1], m[2], m[3], m[4]);
    if (!got) return `"${value}" is not a date (YYYY-MM-DD)`;
    Object.assign(p, got);
    return undefined;
  }
  const limits: Record<string, [keyof Parts, number, number]> = {
    year: ['year', 1970, 9999],
    month: ['month', 1, 12],
    day: ['day', 1, 31],
    hour: ['hour', 0, 23],
  };
  const lim = limits[key];
  if (!lim) return undefined;
  const n = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  if (!(n >= lim[1] && n <= lim[2]))
    return `"${value}" is not a valid ${key} (${lim[1]}–${lim[2]})`;
  p[lim[0]] = n;
  return undefined;
}

/** Folders YYYY/MM/DD[/HH] anywhere in the path (Kinesis Firehose's default layout). */
function firehose(segments: string[], p: Parts): void {
  for (let i = 0; i + 2 < segments.length; i++) {
    const [y, m, d, h] = segments.slice(i, i + 4);
    if (!/^\d{4}$/.test(y ?? '') || !/^\d{2}$/.test(m ?? '') || !/^\d{2}$/.test(d ?? '')) continue;
    const got = dateParts(y, m, d, /^\d{2}$/.test(h ?? '') ? h : undefined);
    if (got) Object.assign(p, got);
    return;
  }
}

function dateParts(y?: string, m?: string, d?: string, h?: string): Parts | undefined {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const hour = h === undefined ? undefined : Number(h);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return undefined;
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  if (hour !== undefined && !(hour >= 0 && hour <= 23)) return undefined;
  return hour === undefined ? { year, month, day } : { year, month, day, hour };
}

function spanOf(p: Parts): PartitionSpan {
  if (p.year === undefined) return { kind: 'none' };
  if (p.month === undefined) {
    return { kind: 'span', start: Date.UTC(p.year, 0, 1), end: Date.UTC(p.year + 1, 0, 1) };
  }
  if (p.day === undefined) {
    return {
      kind: 'span',
      start: Date.UTC(p.year, p.month - 1, 1),
      end: Date.UTC(p.year, p.month, 1),
    };
  }
  const day = Date.UTC(p.year, p.month - 1, p.day);
  if (new Date(day).getUTCDate() !== p.day) {
    return { kind: 'bad', segment: `${p.year}-${p.month}-${p.day}`, why: 'no such day' };
  }
  if (p.hour === undefined) return { kind: 'span', start: day, end: day + DAY };
  return { kind: 'span', start: day + p.hour * HOUR, end: day + (p.hour + 1) * HOUR };
}
