import type { Decision, Severity } from '../gate/types.js';
import type { Trigger } from './types.js';

/** The gate's verdict as far as the trigger cares. */
export interface GateOutcome {
  decision: Decision;
  severity: Severity;
}

export interface TriggeredDecision {
  decision: Decision;
  severity: Severity;
  /** One line for the report: why the trigger and the gate together decided this. */
  reason: string;
}

/**
 * Whether the pipeline must evaluate the gate before deciding. Not needed when the run retrains
 * anyway (forced, training code changed, trusted alert), nor when the monitor recovered or has
 * no data. The pipeline may still run it for the report.
 */
export function needsGate(trigger: Trigger): boolean {
  const intent = trigger.intent ?? 'check';
  if (intent === 'close' || intent === 'insufficient') return false;
  return !(intent === 'retrain' && trigger.skipGate === true);
}

const RANK: Record<Decision, number> = { skip: 0, warn: 1, retrain: 2 };

/**
 * Combines what the event asks for with the gate's outcome (null when the gate was not run).
 * Pure. The guard (de-duplication, cooldown) is applied after this, to a "retrain".
 */
export function decideWithTrigger(trigger: Trigger, gate: GateOutcome | null): TriggeredDecision {
  const intent = trigger.intent ?? 'check';
  const alert = trigger.alert ? `Datadog ${trigger.alert.transition}` : 'the event';
  switch (intent) {
    case 'retrain':
      if (trigger.skipGate || !gate) {
        return {
          decision: 'retrain',
          severity: gate?.severity ?? (trigger.alert ? 'alert' : 'ok'),
          reason: trigger.forced
            ? 'forced retrain'
            : trigger.kind === 'push'
              ? 'training code changed'
              : `${alert} trusted as evidence (trigger.trust_alert)`,
        };
      }
      return gate.decision === 'retrain'
        ? { ...gate, reason: `${alert} confirmed by the gate` }
        : {
            ...gate,
            reason: `${alert} not confirmed by the gate (severity ${gate.severity}); set trigger.trust_alert to retrain on the alert alone`,
          };
    case 'warn': {
      // A monitor warning is at least a warning; the gate may still find worse.
      if (gate && RANK[gate.decision] >= RANK.warn) {
        return { ...gate, reason: `${alert}; gate decided ${gate.decision}` };
      }
      return { decision: 'warn', severity: 'warn', reason: `${alert}: warning reported` };
    }
    case 'close':
      return {
        decision: 'skip',
        severity: 'ok',
        reason: `${alert}: monitor recovered, no retrain`,
      };
    case 'insufficient':
      return {
        decision: 'skip',
        severity: 'insufficient',
        reason: `${alert}: the monitor has no data to judge`,
      };
    case 'check':
      if (!gate)
        return { decision: 'skip', severity: 'insufficient', reason: 'gate not evaluated' };
      return { ...gate, reason: `gate decided ${gate.decision}` };
  }
}
