import { parseDuration } from '../config/duration.js';
import { UserError } from '../errors.js';
import type { MetricsConfig } from './config.js';
import type { TimeRange } from './types.js';
import { parseIso } from './timestamps.js';

/** Where the current window ends, as written in metrics.windows.end. */
export type WindowEnd = { kind: 'now' } | { kind: 'latest' } | { kind: 'at'; ms: number };

export function parseWindowEnd(end: string | undefined): WindowEnd {
  const text = (end ?? 'now').trim();
  if (text === 'now') return { kind: 'now' };
  if (text === 'latest') return { kind: 'latest' };
  const ms = parseIso(text);
  if (ms === undefined) {
    throw new UserError(
      `metrics.windows.end: "${end}" is not "now", "latest" or an ISO-8601 timestamp such as 2026-01-31T00:00:00Z`,
    );
  }
  return { kind: 'at', ms };
}

export interface ResolvedWindows {
  current: TimeRange;
  reference?: TimeRange;
}

/**
 * current = [end - duration, end); the reference ends `offset` before `end` (default: the
 * current duration, so the two are adjacent) and lasts its own duration.
 */
export function resolveWindows(windows: MetricsConfig['windows'], endMs: number): ResolvedWindows {
  const curDur = parseDuration(windows.current.duration, 'metrics.windows.current.duration');
  if (curDur <= 0) {
    throw new UserError(
      'metrics.windows.current.duration: the window is empty; give a positive length such as 1d',
    );
  }
  const current = { start: endMs - curDur, end: endMs };
  if (!windows.reference) return { current };
  const refDur = parseDuration(windows.reference.duration, 'metrics.windows.reference.duration');
  if (refDur <= 0) {
    throw new UserError(
      'metrics.windows.reference.duration: the window is empty; give a positive length such as 7d',
    );
  }
  const offset =
    windows.reference.offset === undefined
      ? curDur
      : parseDuration(windows.reference.offset, 'metrics.windows.reference.offset');
  const refEnd = endMs - offset;
  return { current, reference: { start: refEnd - refDur, end: refEnd } };
}
