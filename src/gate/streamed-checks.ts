import type { Series } from '../metrics/types.js';
import { rowsOf } from './stats/window-summary.js';
import type { CheckResult } from './types.js';

/** Samples in a window, held or streamed. */
export function rowsIn(s: Series | undefined): number {
  if (!s) return 0;
  return s.streamed ? rowsOf(s.streamed) : s.values.length;
}

/**
 * Persistence cuts the current window into slices and compares each with the same hours of the
 * reference: a window streamed into summaries (over gate.exact_max_samples) no longer has its
 * samples, so the whole window decides, and the check says so.
 */
export function withoutPersistence(result: CheckResult): CheckResult {
  const why =
    'persistence not evaluated: the window was streamed into summaries (more rows than gate.exact_max_samples), so the whole window decides; raise gate.exact_max_samples to slice it';
  return {
    ...result,
    note: result.note ? `${result.note}; ${why}` : why,
    detail: { ...result.detail, persistence: 'not evaluated (streamed window)' },
  };
}
