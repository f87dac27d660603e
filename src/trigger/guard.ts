import { parseDuration } from '../config/duration.js';
import type { HistoryEntry } from '../registry/index.js';
import type { TriggerConfig } from './config.js';
import type { Trigger } from './types.js';

export const DEFAULT_COOLDOWN = '6h';

export interface GuardResult {
  blocked: boolean;
  reason: string;
  /** What held the retrain back, when something did. */
  by?: 'duplicate' | 'cooldown';
  /** The end of the cooldown (ISO 8601), when the cooldown held the retrain back. */
  until?: string;
}

/**
 * Holds a retrain back when it would repeat one already done. Pure: the caller passes the
 * registry history and the clock.
 *
 * - De-duplication: a request with a dedupe key (one Datadog alert cycle, one pushed commit)
 *   retrains at most once. This holds for forced runs too: the key names a request that was
 *   already served (Datadog re-delivers on 5xx and on "Re-Triggered"); a person who wants
 *   another retrain dispatches without the key.
 * - Cooldown: no retrain within `trigger.cooldown` (default 6h) of the last publish, promote or
 *   rollback, so a flapping monitor cannot start a retrain storm. Deliberate requests bypass
 *   it: forced runs and pushes that changed the training code.
 */
export function guardRetrain(
  trigger: Trigger,
  history: readonly HistoryEntry[],
  config: TriggerConfig,
  now: Date,
): GuardResult {
  if (trigger.dedupeKey) {
    const served = history.find((h) => h.dedupeKey === trigger.dedupeKey);
    if (served) {
      return {
        blocked: true,
        by: 'duplicate',
        reason: `${describeKey(trigger.dedupeKey)} already retrained: version ${served.version} (${served.action} at ${served.at}${served.runId ? `, run ${served.runId}` : ''})`,
      };
    }
  }
  const cooldownMs = parseDuration(config.cooldown ?? DEFAULT_COOLDOWN, 'trigger.cooldown');
  const last = latest(history);
  if (!last) return { blocked: false, reason: 'no earlier publish in the history' };
  const since = now.getTime() - last.time;
  const ago = formatDuration(Math.max(0, since));
  const deliberate = trigger.forced || (trigger.kind === 'push' && trigger.intent === 'retrain');
  if (cooldownMs > 0 && since < cooldownMs) {
    const left = formatDuration(cooldownMs - since);
    if (deliberate) {
      return {
        blocked: false,
        reason: `cooldown bypassed (${trigger.forced ? 'forced' : 'training code changed'}): last ${last.entry.action} was ${ago} ago`,
      };
    }
    return {
      blocked: true,
      by: 'cooldown',
      until: new Date(last.time + cooldownMs).toISOString(),
      reason: `cooldown: version ${last.entry.version} was ${verb(last.entry.action)} ${ago} ago; next retrain allowed in ${left} (trigger.cooldown ${formatDuration(cooldownMs)}; force to override)`,
    };
  }
  return { blocked: false, reason: `last ${last.entry.action} was ${ago} ago` };
}

function latest(history: readonly HistoryEntry[]): { entry: HistoryEntry; time: number } | null {
  let best: { entry: HistoryEntry; time: number } | null = null;
  for (const entry of history) {
    const time = Date.parse(entry.at);
    if (Number.isNaN(time)) continue;
    if (!best || time > best.time) best = { entry, time };
  }
  return best;
}

function describeKey(key: string): string {
  if (key.startsWith('datadog:')) return `alert cycle ${key.slice('datadog:'.length)}`;
  if (key.startsWith('push:')) return `push ${key.slice('push:'.length, 'push:'.length + 12)}`;
  return `request ${key}`;
}

function verb(action: HistoryEntry['action']): string {
  return action === 'publish' ? 'published' : action === 'promote' ? 'promoted' : 'rolled back to';
}

/** 5400000 → "1h30m"; 0 → "0s". */
export function formatDuration(ms: number): string {
  let s = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  return parts.slice(0, 2).join('') || '0s';
}
