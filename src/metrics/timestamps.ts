/**
 * Timestamps as users write them: ISO-8601 strings or epoch numbers in seconds, milliseconds,
 * microseconds or nanoseconds. Returns epoch milliseconds, or undefined when unreadable.
 */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? epochToMs(value) : undefined;
  if (typeof value !== 'string') return undefined;
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
