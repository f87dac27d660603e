import { UserError } from '../errors.js';
import { parseGateVerdict } from '../report/gate-verdict.js';
import type { Mode, RunOptions, Secrets } from './types.js';

/** Reads one input by its action.yml name ('' when unset). */
export type InputReader = (name: string) => string;

const MODES: readonly Mode[] = ['check', 'retrain', 'full', 'rollback', 'plan'];
const TRUE = ['true', 'True', 'TRUE', 'yes', 'on', '1'];
const FALSE = ['false', 'False', 'FALSE', 'no', 'off', '0', ''];

/** Strict boolean: a typo fails instead of silently meaning false. */
export function parseBoolean(name: string, value: string): boolean {
  const v = value.trim();
  if (TRUE.includes(v)) return true;
  if (FALSE.includes(v)) return false;
  throw new UserError(`input "${name}": expected true or false, got "${value}"`);
}

/**
 * All inputs → RunOptions, once, at the edge. `mask` is called on every secret the moment
 * it is read, before anything could log it.
 */
export function readRunOptions(get: InputReader, mask: (secret: string) => void): RunOptions {
  const secret = (name: string): string | undefined => {
    const v = get(name).trim();
    if (!v) return undefined;
    mask(v);
    return v;
  };
  const secrets: Secrets = {
    githubToken: secret('github-token'),
    datadogApiKey: secret('datadog-api-key'),
    datadogAppKey: secret('datadog-app-key'),
    prometheusUsername: get('prometheus-username').trim() || undefined,
    prometheusPassword: secret('prometheus-password'),
    prometheusToken: secret('prometheus-token'),
    webhookSecret: secret('webhook-secret'),
  };

  const mode = (get('mode').trim() || 'full') as Mode;
  if (!MODES.includes(mode)) {
    throw new UserError(`input "mode": expected one of ${MODES.join(', ')}, got "${mode}"`);
  }
  const gateDecision = get('gate-decision').trim();
  if (gateDecision && !['skip', 'warn', 'retrain'].includes(gateDecision)) {
    throw new UserError(
      `input "gate-decision": expected skip, warn or retrain (the "decision" output of a check job), got "${gateDecision}"`,
    );
  }
  const verdictText = get('gate-verdict').trim();
  const gateVerdict = verdictText ? parseGateVerdict(verdictText) : undefined;
  if (gateVerdict && mode !== 'retrain') {
    throw new UserError(
      `input "gate-verdict" is set but mode is "${mode}": it is for the retrain job behind a check job (mode: retrain); remove it here`,
    );
  }
  if (gateVerdict && gateDecision && gateDecision !== gateVerdict.decision) {
    throw new UserError(
      `input "gate-decision" is "${gateDecision}" but "gate-verdict" says "${gateVerdict.decision}": pass gate-verdict alone (it holds the decision)`,
    );
  }
  const rollbackText = get('rollback-to').trim();
  let rollbackTo: number | undefined;
  if (rollbackText) {
    rollbackTo = Number(rollbackText);
    if (!Number.isInteger(rollbackTo) || rollbackTo < 1) {
      throw new UserError(
        `input "rollback-to": expected a version number such as 3, got "${rollbackText}"`,
      );
    }
  }
  if (rollbackTo !== undefined && mode !== 'rollback') {
    throw new UserError(
      `input "rollback-to" is set but mode is "${mode}": set mode: rollback, or remove rollback-to`,
    );
  }
  return {
    mode,
    configPath: get('config').trim() || '.github/model-retrain.yml',
    force: parseBoolean('force', get('force')),
    reason: get('reason').trim() || undefined,
    gateDecision: (gateVerdict?.decision ??
      (gateDecision || undefined)) as RunOptions['gateDecision'],
    ...(gateVerdict ? { gateVerdict } : {}),
    rollbackTo,
    dryRun: parseBoolean('dry-run', get('dry-run')),
    failOnReject: parseBoolean('fail-on-reject', get('fail-on-reject')),
    secrets,
    configs: get('configs').trim() || undefined,
    keepGoing: parseBoolean('keep-going', get('keep-going')),
  };
}
