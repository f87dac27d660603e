/**
 * The pipeline's step after the gate for estimated performance: stores this window's
 * estimates in the registry (`<model>/state/estimates.json`), fills in the realized value of
 * earlier windows whose labels have arrived since, and reports a persistent gap between the two
 * — concept drift, which the estimate cannot see. Also warns when the reference window
 * overlaps the data window of the run that trained the champion.
 */
import type { StageContext } from '../context.js';
import { errorMessage } from '../errors.js';
import type { MetricsResult } from '../metrics/types.js';
import {
  realizedFromLog,
  recordsFromChecks,
  trainingOverlap,
} from '../performance/estimate/history.js';
import {
  addEstimates,
  persistentGaps,
  reconcile,
  type EstimateRecord,
} from '../performance/estimate/record.js';
import type { ChampionInfo, Registry } from '../registry/index.js';
import { readEstimateRecords, updateEstimateRecords } from '../registry/estimate-state.js';
import type { GateConfig } from './config.js';
import type { EstimateHistoryReport } from './estimate-history-report.js';
import type { GateReport } from './types.js';

export type { EstimateHistoryReport } from './estimate-history-report.js';

const RECENT = 30;

export async function estimateHistoryStage(
  config: GateConfig,
  gate: GateReport,
  metrics: MetricsResult | undefined,
  champion: ChampionInfo | null,
  registry: Registry,
  ctx: StageContext,
  write: boolean,
): Promise<EstimateHistoryReport | undefined> {
  const checks = (config.performance ?? []).filter((c) => c.source === 'estimated');
  const log = metrics?.predictions;
  if (!checks.length || !log || !gate.performance) return undefined;
  const current = metrics.current.range;
  const reference = metrics.reference?.range;
  const at = ctx.now().toISOString();
  const warnings: string[] = [];
  const overlap = reference
    ? trainingOverlap(
        reference,
        champion ? { version: champion.version, windows: champion.manifest.lineage.windows } : null,
      )
    : null;
  if (overlap) warnings.push(overlap);
  const fresh = recordsFromChecks(gate.performance.checks, current, { runId: ctx.run.runId, at });
  const span = { start: reference?.start ?? current.start, end: current.end };
  const realizedOf = realizedFromLog(log, span, checks, at);
  const step = (prev: EstimateRecord[]) => {
    const added = addEstimates(prev, fresh);
    const rec = reconcile(added.records, realizedOf);
    return {
      records: rec.records,
      changed: added.changed || rec.changed,
      stored: added.records.length - prev.length,
      reconciled: rec.reconciled,
    };
  };
  const { store, model } = registry;
  if (!store || !model) return undefined;
  let result: ReturnType<typeof step>;
  try {
    result = write
      ? await updateEstimateRecords(store, model, step, ctx.now)
      : step(await readEstimateRecords(store, model));
  } catch (e) {
    ctx.logger.warning(
      `estimate history could not be ${write ? 'updated' : 'read'}: ${errorMessage(e)}`,
    );
    return { stored: 0, reconciled: [], findings: [], recent: [], warnings, recorded: false };
  }
  const findings = persistentGaps(result.records);
  for (const w of warnings) ctx.logger.warning(w);
  for (const f of findings) ctx.logger.warning(f.message);
  return {
    stored: Math.max(0, result.stored),
    reconciled: result.reconciled,
    findings,
    recent: result.records.slice(-RECENT),
    warnings,
    recorded: write,
  };
}
