import { UserError } from '../errors.js';

/** How to write a duration, for every error about one. */
export const DURATION_HELP =
  'write a number and a unit with no space: 90s, 30m, 12h, 7d, 2w or 1h30m (or a number of seconds)';

const WORD_UNITS: Record<string, string> = {
  ms: 'ms',
  millisecond: 'ms',
  milliseconds: 'ms',
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
  w: 'w',
  week: 'w',
  weeks: 'w',
};

/** ` (did you mean "1d"?)` for "1 day", "12 hours", "30 min"; empty when there is no reading. */
export function suggestDuration(value: unknown): string {
  if (typeof value !== 'string') return '';
  const parts = [
    ...value
      .trim()
      .toLowerCase()
      .matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)[\s,]*(?:and\s+)?/gy),
  ];
  if (!parts.length || parts.map((p) => p[0]).join('') !== value.trim().toLowerCase()) return '';
  const out = parts.map((p) => {
    const unit = WORD_UNITS[p[2] as string];
    return unit ? `${p[1]}${unit}` : undefined;
  });
  if (out.some((u) => u === undefined)) return '';
  const text = out.join('');
  return text !== value ? ` (did you mean "${text}"?)` : '';
}

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Parses "90s", "30m", "12h", "7d", "2w", "1h30m" or a number of seconds into milliseconds. */
export function parseDuration(value: string | number, field: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0)
      throw new UserError(`${field}: expected a non-negative number of seconds, got ${value}`);
    return value * 1000;
  }
  const text = value.trim();
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    total += Number(m[1]) * (UNITS[m[2] as string] as number);
    matched = re.lastIndex;
  }
  if (text.length === 0 || matched !== text.length) {
    throw new UserError(
      `${field}: "${value}" is not a duration; ${DURATION_HELP}${suggestDuration(value)}`,
    );
  }
  return total;
}

/** JSON Schema for a duration field. */
export const durationSchema = {
  anyOf: [
    { type: 'string', pattern: '^(\\d+(\\.\\d+)?(ms|s|m|h|d|w))+$' },
    { type: 'number', minimum: 0 },
  ],
  description: 'A duration: 90s, 30m, 12h, 7d, 1h30m, or a number of seconds',
} as const;
