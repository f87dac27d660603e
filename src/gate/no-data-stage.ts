/**
 * The pipeline's step after the Gate phase: counts runs in a row without usable data in the
 * registry's gate state and escalates the run once the count reaches gate.no_data.escalate_after.
 */
import type { StageContext } from '../context.js';
import { errorMessage } from '../errors.js';
import type { Registry } from '../registry/index.js';
import type { GateConfig } from './config.js';
import {
  nextNoDataState,
  noDataPolicy,
  noDataReason,
  type NoDataReport,
  type NoDataState,
} from './no-data.js';
import type { GateReport } from './types.js';

export type { NoDataReport } from './no-data.js';

export async function noDataStage(
  config: GateConfig,
  gate: GateReport,
  registry: Registry,
  ctx: StageContext,
  write: boolean,
): Promise<NoDataReport | undefined> {
  // No checks were evaluated (a retrain job trusting its check job): nothing to count.
  if (gate.checks.length === 0) return undefined;
  const policy = noDataPolicy(config);
  const run = { runId: ctx.run.runId, at: ctx.now().toISOString(), severity: gate.severity };
  let step: ReturnType<typeof nextNoDataState>;
  try {
    step = write
      ? await registry.updateGateNoData((prev) => nextNoDataState(prev, run, policy))
      : nextNoDataState(await registry.gateNoData(), run, policy);
  } catch (e) {
    ctx.logger.warning(
      `gate state (runs in a row without usable data) could not be ${write ? 'updated' : 'read'}: ${errorMessage(e)}`,
    );
    return undefined;
  }
  const s: NoDataState = step.state;
  const out: NoDataReport = {
    count: s.count,
    since: s.since,
    sinceRun: s.sinceRun,
    escalateAfter: policy?.escalateAfter ?? null,
    escalated: step.escalate,
    recorded: write,
  };
  if (step.escalate && policy) {
    const series = [
      ...new Set(gate.checks.filter((c) => c.status === 'insufficient').map((c) => c.series)),
    ];
    out.severity = policy.severity;
    out.reason = noDataReason(s, series);
    ctx.logger.warning(out.reason);
  } else if (s.count > 0) {
    ctx.logger.info(
      `no usable data for ${s.count} run(s) in a row${policy ? ` (escalates at ${policy.escalateAfter})` : ' (escalation off)'}`,
    );
  }
  return out;
}
