import type { RunInfo } from '../../context.js';
import type { RunReport } from '../types.js';

/** Web URL of the workflow run, or undefined outside GitHub Actions. */
export function runUrl(run: RunInfo): string | undefined {
  if (!run.repository || run.runId.startsWith('local-')) return undefined;
  return `${run.serverUrl.replace(/\/+$/, '')}/${run.repository}/actions/runs/${run.runId}`;
}

/** What a published (or rolled-back) alias move tells the serving side. */
export interface Delivery {
  event: 'published' | 'rolled-back';
  model: string;
  version: number;
  uri: string;
  manifest: string;
  alias: string | null;
  previous: number | null;
}

/** The alias moved in this run (a promoted version or a rollback), else null. */
export function deliveryOf(report: RunReport): Delivery | null {
  const p = report.publication;
  if (!p || !p.aliasMoved) return null;
  return {
    event: report.outcome === 'rolled-back' ? 'rolled-back' : 'published',
    model: report.model,
    version: p.version,
    uri: p.uri,
    manifest: p.manifestUri,
    alias: p.alias,
    previous: p.previousVersion,
  };
}
