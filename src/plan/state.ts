import type { Decision, Severity } from '../gate/types.js';
import type { FleetModel, ModelState } from './types.js';

/** The fleet states in the order a person should look at them. */
export const STATES: readonly ModelState[] = [
  'invalid',
  'failed',
  'retrain',
  'warn',
  'insufficient',
  'ok',
];

/** A checked model's state: what the decision asks of someone, then what the gate could judge. */
export function stateOf(decision: Decision, severity: Severity): ModelState {
  if (decision === 'retrain') return 'retrain';
  if (decision === 'warn') return 'warn';
  return severity === 'insufficient' ? 'insufficient' : 'ok';
}

const SEVERITY_RANK: Record<Severity, number> = { alert: 0, warn: 1, insufficient: 2, ok: 3 };

/** What needs attention first: broken configs, failed checks, retrains (alerts first), warnings… */
export function byAttention(a: FleetModel, b: FleetModel): number {
  return (
    STATES.indexOf(a.state) - STATES.indexOf(b.state) ||
    SEVERITY_RANK[a.severity ?? 'ok'] - SEVERITY_RANK[b.severity ?? 'ok'] ||
    (a.model < b.model ? -1 : a.model > b.model ? 1 : 0) ||
    (a.config < b.config ? -1 : a.config > b.config ? 1 : 0)
  );
}

export function countStates(models: readonly FleetModel[]): Record<ModelState, number> {
  const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<ModelState, number>;
  for (const m of models) counts[m.state]++;
  return counts;
}
