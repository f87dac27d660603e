/** History: one append-only entry per (run, action, version), read back in time order. */
import { mapLimit } from '../concurrency.js';
import type { HistoryEntry } from './api.js';
import type { RegistryCore } from './core.js';
import { json } from './core.js';
import { historyKey, historyPrefix, parseHistoryKey } from './keys.js';
import { PreconditionFailed } from './types.js';

/**
 * Writes one history entry at its (run, action, version) key with If-None-Match: a retried
 * or resumed write of the same entry finds it there and adds nothing.
 */
export async function appendHistory(
  r: RegistryCore,
  e: {
    action: HistoryEntry['action'];
    version: number;
    previousVersion: number | null;
    alias: string | null;
    /** Who acted: the publishing run's key, or the rollback's run id. */
    run: string;
    runKey?: string;
    lineage?: Record<string, unknown>;
    reason?: string;
  },
): Promise<void> {
  const at = r.ctx.now();
  const trigger = e.lineage?.trigger as { kind?: string; dedupeKey?: string } | string | undefined;
  const entry: HistoryEntry = {
    at: at.toISOString(),
    action: e.action,
    version: e.version,
    previousVersion: e.previousVersion,
    alias: e.alias,
    runId: r.ctx.run.runId,
    ...(e.runKey ? { runKey: e.runKey } : {}),
    ...(typeof trigger === 'string' ? { trigger } : trigger?.kind ? { trigger: trigger.kind } : {}),
    ...(typeof trigger === 'object' && trigger.dedupeKey ? { dedupeKey: trigger.dedupeKey } : {}),
    ...(e.reason ? { reason: e.reason } : {}),
  };
  try {
    await r.store.put(historyKey(r.model, e.version, e.action, e.run), json(entry), {
      ifNoneMatch: '*',
    });
  } catch (err) {
    if (!(err instanceof PreconditionFailed)) throw err;
    r.ctx.logger.info(`history already records ${e.action} of version ${e.version}`);
  }
}

export async function hasHistory(
  r: RegistryCore,
  version: number,
  actions: string[],
): Promise<boolean> {
  const keys = await r.store.list(historyPrefix(r.model));
  return keys.some((o) => {
    const p = parseHistoryKey(o.key);
    return p !== null && p.version === version && actions.includes(p.action);
  });
}

/** Every entry, oldest first (by time; keys name the entry, not its order). */
export async function history(r: RegistryCore): Promise<HistoryEntry[]> {
  const keys = (await r.store.list(historyPrefix(r.model)))
    .map((o) => o.key)
    .filter((k) => parseHistoryKey(k) !== null);
  const entries = await mapLimit(keys, 8, async (k) => {
    const value = (await r.readJson<HistoryEntry>(k))?.value;
    return value ? { value, k } : undefined;
  });
  return entries
    .filter((e): e is { value: HistoryEntry; k: string } => e !== undefined)
    .sort((a, b) => a.value.at.localeCompare(b.value.at) || a.k.localeCompare(b.k))
    .map((e) => e.value);
}
