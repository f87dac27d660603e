import { parseDuration } from '../config/duration.js';
import type { GateConfig } from './config.js';
import { fmtDuration } from './format.js';
import type { Decision, Severity } from './types.js';

export interface PolicyInput {
  severity: Severity;
  forced: boolean;
  /** The trigger's one-line reason, quoted when the run is forced. */
  forcedBy?: string;
  dryRun: boolean;
  championAgeMs: number | null;
  /** Why the severity is what it is (one line), e.g. "2 of 5 checks alert". */
  severityReason: string;
}

/**
 * Severity → decision, then the overrides: a forced run, a cold start and a model past
 * max_model_age retrain whatever the checks say; a dry run computes the decision but returns
 * "skip" so nothing is ever triggered.
 */
export function decide(
  config: Pick<GateConfig, 'on_warn' | 'max_model_age'>,
  input: PolicyInput,
): { decision: Decision; reasons: string[] } {
  const reasons: string[] = [];
  let decision: Decision = 'skip';
  if (input.severity === 'alert') {
    decision = 'retrain';
    reasons.push(`retrain: ${input.severityReason}`);
  } else if (input.severity === 'warn') {
    decision = config.on_warn === 'retrain' ? 'retrain' : 'warn';
    reasons.push(
      config.on_warn === 'retrain'
        ? `retrain: ${input.severityReason} (on_warn is "retrain")`
        : `warn: ${input.severityReason}`,
    );
  } else {
    reasons.push(`skip: ${input.severityReason}`);
  }
  if (input.forced) {
    decision = 'retrain';
    reasons.unshift(
      `retrain: forced${input.forcedBy ? ` (${input.forcedBy})` : ' by the trigger or the force input'}`,
    );
  }
  if (input.championAgeMs === null) {
    decision = 'retrain';
    reasons.unshift('retrain: no model published yet');
  } else if (config.max_model_age !== undefined) {
    const maxAge = parseDuration(config.max_model_age, 'gate.max_model_age');
    if (input.championAgeMs > maxAge) {
      decision = 'retrain';
      reasons.unshift(
        `retrain: model older than ${fmtDuration(maxAge)} (published ${fmtDuration(input.championAgeMs)} ago)`,
      );
    }
  }
  if (input.dryRun) {
    reasons.unshift(`dry run: the decision would be "${decision}"; nothing is triggered`);
    decision = 'skip';
  }
  return { decision, reasons };
}
