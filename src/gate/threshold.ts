import type { CheckResult, Severity } from './types.js';

export type Op = CheckResult['op'];

/** Severity order used everywhere: alert > warn > insufficient > ok. */
export const RANK: Record<Severity, number> = { ok: 0, insufficient: 1, warn: 2, alert: 3 };

export function worst(statuses: Iterable<Severity>): Severity {
  let w: Severity = 'ok';
  for (const s of statuses) if (RANK[s] > RANK[w]) w = s;
  return w;
}

/** True when `value op threshold` holds, i.e. the threshold is breached. */
export function breaches(value: number, op: Op, threshold: number): boolean {
  switch (op) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    default:
      return value >= threshold;
  }
}

/** alert when the alert threshold is breached, else warn when the warn threshold is, else ok. */
export function classify(
  value: number,
  op: Op,
  warn: number | undefined,
  alert: number | undefined,
): 'ok' | 'warn' | 'alert' {
  // NaN never breaches (callers turn it into 'insufficient'); ±Inf compares as the extreme it is.
  if (Number.isNaN(value)) return 'ok';
  if (alert !== undefined && breaches(value, op, alert)) return 'alert';
  if (warn !== undefined && breaches(value, op, warn)) return 'warn';
  return 'ok';
}
