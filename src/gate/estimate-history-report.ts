/**
 * What the estimate-history stage reports, in a file of its own: the run report's types import
 * it without importing the stage (and, through it, the registry).
 */
import type { EstimateRecord, GapFinding } from '../performance/estimate/record.js';

/** What the run report records (RunReport.estimates). */
export interface EstimateHistoryReport {
  /** Windows estimated by this run and newly stored. */
  stored: number;
  /** Earlier windows whose realized value this run filled in. */
  reconciled: EstimateRecord[];
  findings: GapFinding[];
  /** The latest records, for the estimated-vs-realized chart. */
  recent: EstimateRecord[];
  warnings: string[];
  /** false in a dry run: the history was read, not written. */
  recorded: boolean;
}
