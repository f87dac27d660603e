import type { FleetModel, MatrixEntry } from './types.js';

/** GitHub runs at most 256 jobs from one matrix. */
export const MAX_MATRIX_JOBS = 256;

/** A config's train.runs_on as a label list: a GPU model defaults to a self-hosted GPU runner. */
export function runnerLabels(runsOn: string | string[] | undefined, gpu: boolean): string[] {
  if (Array.isArray(runsOn)) return [...runsOn];
  if (runsOn) return [runsOn];
  return gpu ? ['self-hosted', 'gpu'] : ['ubuntu-latest'];
}

export function poolName(labels: readonly string[]): string {
  return labels.join('+');
}

/**
 * The models the retrain jobs take: those whose decision is retrain, or every checked model on a
 * forced run (a config that is invalid or a check that failed never is). Sorted by model name so
 * the same fleet gives the same matrix.
 */
export function matrixEntries(
  models: readonly FleetModel[],
  opts: { forced: boolean; configs: string },
): MatrixEntry[] {
  return models
    .filter((m) => m.state !== 'invalid' && m.state !== 'failed')
    .filter((m) => opts.forced || m.decision === 'retrain')
    .map((m) => ({
      model: m.model,
      config: m.config,
      runs_on: m.runsOn,
      pool: m.pool,
      decision: opts.forced ? 'retrain' : (m.decision ?? 'retrain'),
      severity: m.severity ?? 'ok',
      gate_verdict: verdictFor(m, opts.forced),
      configs: opts.configs,
    }))
    .sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}

/** The check's verdict for the retrain job; a forced plan retrains whatever the check said. */
function verdictFor(m: FleetModel, forced: boolean): string {
  const v = m.gateVerdict ? (JSON.parse(m.gateVerdict) as Record<string, unknown>) : {};
  return JSON.stringify({
    ...v,
    decision: forced ? 'retrain' : (m.decision ?? 'retrain'),
    severity: m.severity ?? 'ok',
    reasons: Array.isArray(v.reasons) ? v.reasons : [m.reason],
    checks: [],
  });
}

/** Parts of at most `size` entries; always at least one (possibly empty) part. */
export function splitMatrix<T>(entries: readonly T[], size = MAX_MATRIX_JOBS): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < entries.length; i += size) parts.push(entries.slice(i, i + size));
  return parts.length ? parts : [[]];
}

/**
 * Step outputs for the matrix: `matrix` is the first part, `matrix-2`… the others, each a
 * `{"include": [...]}` object for `strategy.matrix: ${{ fromJSON(...) }}`; `matrix-parts` says
 * how many there are. Parts 2 to `declared` are always set (empty when unused) so a workflow's
 * `if:` on them reads a defined value.
 */
export function matrixOutputs(
  parts: readonly MatrixEntry[][],
  declared = 4,
): Record<string, string> {
  const out: Record<string, string> = { 'matrix-parts': String(parts.length) };
  const n = Math.max(parts.length, declared);
  for (let i = 0; i < n; i++) {
    const value = JSON.stringify({ include: parts[i] ?? [] });
    out[i === 0 ? 'matrix' : `matrix-${i + 1}`] = value;
  }
  return out;
}

/** Every output of a plan: the matrix parts, the counts and where the fleet report is. */
export function planOutputs(
  parts: readonly MatrixEntry[][],
  maxParallel: number,
  reportPath: string,
): Record<string, string> {
  return {
    ...matrixOutputs(parts),
    'retrain-count': String(parts.reduce((n, p) => n + p.length, 0)),
    'max-parallel': String(maxParallel),
    'fleet-report': reportPath,
  };
}
