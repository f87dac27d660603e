import { UserError } from '../errors.js';

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
      `${field}: "${value}" is not a duration; use e.g. 90s, 30m, 12h, 7d or 1h30m`,
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
