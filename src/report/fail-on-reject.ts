import type { RunReport } from './types.js';

/**
 * With fail-on-reject, why the step fails although the run itself worked: the challenger was
 * rejected, or published without being promoted (superseded). null: the step passes. Pure.
 */
export function rejectionFailure(failOnReject: boolean, report: RunReport): string | null {
  if (!failOnReject) return null;
  if (report.outcome === 'rejected') {
    return `fail-on-reject: the challenger was rejected${report.verdict ? ` (${report.verdict.reason})` : ''}`;
  }
  if (report.outcome === 'superseded') {
    const p = report.publication;
    const serving = p?.superseded?.serving;
    return `fail-on-reject: version ${p?.version ?? '?'} was published but not promoted: the alias serves ${serving === null || serving === undefined ? 'no version' : `version ${serving}`}, which the challenger was not compared with`;
  }
  return null;
}
