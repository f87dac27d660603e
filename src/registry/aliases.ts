/**
 * The alias and its moves: conditional promotion from the version a challenger was validated
 * against, unconditional moves (resume, rollback), each a compare-and-swap on the alias record.
 */
import { UserError } from '../errors.js';
import type { RegistryCore } from './core.js';
import { jitter, json, MAX_CAS_ATTEMPTS, sleep } from './core.js';
import { checkFilesPresent } from './files.js';
import { appendHistory, history } from './history.js';
import { aliasKey, filesPrefix, manifestKey } from './keys.js';
import { rollbackTarget } from './promotion.js';
import { syncTriton } from './triton-copy.js';
import {
  PreconditionFailed,
  type AliasRecord,
  type Publication,
  type ValidatedAgainst,
} from './types.js';

/**
 * Conditional promotion: moves the alias only while it still serves what the challenger was
 * validated against (its ETag as read then, or no alias on a cold start). `previous` is what
 * it serves when it is not moved.
 */
export async function promote(
  r: RegistryCore,
  alias: string,
  version: number,
  from: ValidatedAgainst,
): Promise<{ moved: boolean; already: boolean; previous: number | null }> {
  const key = aliasKey(r.model, alias);
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    const cur = await r.readJson<AliasRecord>(key);
    if (cur?.value.version === version) {
      return { moved: false, already: true, previous: cur.value.previousVersion };
    }
    const unchanged =
      from.version === null
        ? cur === null
        : cur !== null &&
          cur.value.version === from.version &&
          (from.etag === null || cur.etag === from.etag);
    if (!unchanged) return { moved: false, already: false, previous: cur?.value.version ?? null };
    const record: AliasRecord = {
      model: r.model,
      alias,
      version,
      manifest: r.store.uri(manifestKey(r.model, version)),
      updatedAt: r.ctx.now().toISOString(),
      previousVersion: cur?.value.version ?? null,
      runId: r.ctx.run.runId,
    };
    try {
      await r.store.put(key, json(record), cur ? { ifMatch: cur.etag } : { ifNoneMatch: '*' });
      return { moved: true, already: false, previous: record.previousVersion };
    } catch (e) {
      if (!(e instanceof PreconditionFailed)) throw e;
      // Moved under us: re-read; it is either this version (another attempt) or superseded.
    }
  }
  throw new Error(
    `could not move alias ${alias} after ${MAX_CAS_ATTEMPTS} attempts (heavy contention)`,
  );
}

/** Compare-and-swap on the alias record; `want` may decline the move after seeing the current one. */
export async function moveAlias(
  r: RegistryCore,
  alias: string,
  version: number,
  want: (current: AliasRecord | null) => boolean,
): Promise<{ moved: boolean; already: boolean; previous: number | null }> {
  const key = aliasKey(r.model, alias);
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    const cur = await r.readJson<AliasRecord>(key);
    const previous = cur?.value.version ?? null;
    // Already there (a resumed run moved it before crashing): report what it replaced then.
    if (previous === version) {
      return { moved: false, already: true, previous: cur?.value.previousVersion ?? null };
    }
    if (!want(cur?.value ?? null)) return { moved: false, already: false, previous };
    const record: AliasRecord = {
      model: r.model,
      alias,
      version,
      manifest: r.store.uri(manifestKey(r.model, version)),
      updatedAt: r.ctx.now().toISOString(),
      previousVersion: previous,
      runId: r.ctx.run.runId,
    };
    try {
      await r.store.put(key, json(record), cur ? { ifMatch: cur.etag } : { ifNoneMatch: '*' });
      return { moved: true, already: false, previous };
    } catch (e) {
      if (!(e instanceof PreconditionFailed)) throw e;
      await sleep(jitter(attempt)); // another publisher moved it: re-read and retry
    }
  }
  throw new Error(
    `could not move alias ${alias} after ${MAX_CAS_ATTEMPTS} attempts (heavy contention)`,
  );
}

export async function rollback(
  r: RegistryCore,
  to: number | undefined,
  meta: { runId: string; reason?: string },
): Promise<Publication> {
  const alias = r.options.alias;
  const cur = await r.readJson<AliasRecord>(aliasKey(r.model, alias));
  if (!cur) {
    throw new UserError(
      `alias ${alias} of model ${r.model} does not exist in ${r.uri}: nothing to roll back`,
    );
  }
  const current = cur.value.version;
  let target = to;
  if (target === undefined) {
    const events = await history(r);
    target =
      rollbackTarget(events, alias, current, cur.value.previousVersion) ??
      (() => {
        throw new UserError(
          `alias ${alias} has no previous version to roll back to; name one with rollback-to`,
        );
      })();
  }
  const manifest = await r.requireManifest(target);
  await checkFilesPresent(r, manifest);
  const moved = await moveAlias(r, alias, target, () => true);
  if (r.options.triton) await syncTriton(r, alias);
  if (moved.moved) {
    await appendHistory(r, {
      action: 'rollback',
      version: target,
      previousVersion: moved.previous,
      alias,
      run: `${r.ctx.run.repository ?? 'local'}#${meta.runId}`,
      reason: meta.reason,
    });
  } else {
    r.ctx.logger.info(`alias ${alias} already serves version ${target}`);
  }
  return {
    version: target,
    uri: r.store.uri(`${filesPrefix(r.model, target, manifest.fence)}model/`),
    manifestUri: r.store.uri(manifestKey(r.model, target)),
    alias,
    aliasMoved: moved.moved,
    previousVersion: moved.previous,
    resumed: false,
  };
}
