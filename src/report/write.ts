import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from '../text/redact.js';
import type { RunReport } from './types.js';

/** Writes the run report JSON atomically (temp file + rename) and records its path in the report. */
export function writeRunReport(report: RunReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `run-report-${report.run.runId}-${report.run.runAttempt}.json`);
  report.path = path;
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, redact(JSON.stringify(report, null, 2)) + '\n');
  renameSync(tmp, path);
  return path;
}

/** Writes the summary markdown next to the report (the CLI's job summary). */
export function writeSummaryFile(markdown: string, dir: string, report: RunReport): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `summary-${report.run.runId}-${report.run.runAttempt}.md`);
  writeFileSync(path, redact(markdown));
  return path;
}
