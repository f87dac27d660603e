/**
 * What a performance check reads: the joined prediction log and its windows. Shared by the
 * realized, segmented and estimated checks; imports none of them.
 */
import type { TimeRange } from '../metrics/types.js';
import type { JoinedLog } from '../performance/join.js';
import type { LogWindow } from '../performance/window.js';

export interface PerformanceInput {
  log: JoinedLog;
  current: TimeRange;
  reference?: TimeRange;
  /** Standard deviations for auto limits (gate.auto_thresholds). */
  sigmas?: { warn?: number; alert?: number };
}

export interface Windows {
  current: LogWindow;
  reference?: LogWindow;
}
