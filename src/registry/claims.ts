/**
 * Version claims: one writer per version. A claim is created with If-None-Match (owning it is
 * owning the number), indexed by run key, renewed under a lease, and taken over by
 * compare-and-swap only once its writer is gone.
 */
import { hostname } from 'node:os';
import type { RegistryCore } from './core.js';
import { json, sleep } from './core.js';
import { claimKey, nextVersion, runKeyIndexKey, scanVersions, versionsPrefix } from './keys.js';
import { Lease, newOwner, ownerAlive, ownerGone, releaseOwner } from './lease.js';
import { PreconditionFailed, type ClaimOwner, type ClaimRecord, type Manifest } from './types.js';

/** This run's version: through the run index, else among unfinished claims (crash before the index). */
export async function findOwn(
  r: RegistryCore,
  runKey: string,
  stale?: { etag?: string },
): Promise<{ version: number; claim: { value: ClaimRecord; etag: string } } | null> {
  const indexed = await r.readJson<{ version: number }>(runKeyIndexKey(r.model, runKey));
  if (indexed) {
    const claim = await r.readJson<ClaimRecord>(claimKey(r.model, indexed.value.version));
    if (claim?.value.runKey === runKey) return { version: indexed.value.version, claim };
    // An index whose claim is gone (an interrupted cleanup) is stale: replaced, by its ETag.
    if (stale) stale.etag = indexed.etag;
  }
  const scan = scanVersions(
    r.model,
    (await r.store.list(versionsPrefix(r.model))).map((o) => o.key),
  );
  for (const n of scan.claimed.filter((v) => !scan.complete.includes(v))) {
    const claim = await r.readJson<ClaimRecord>(claimKey(r.model, n));
    if (claim?.value.runKey === runKey) return { version: n, claim };
  }
  return null;
}

/**
 * The version this attempt writes, or the one it completes. A run's own version that is
 * published is completed (resumed); one another live attempt is writing is waited for and
 * never written into; one whose writer is gone is taken over by compare-and-swap on the claim.
 */
export async function claim(
  r: RegistryCore,
  runKey: string,
): Promise<{
  version: number;
  resumed: boolean;
  manifest: Manifest | null;
  lease: Lease | null;
}> {
  const owner = newOwner(r.ctx.run.runAttempt);
  try {
    const claimed = await claimAs(r, runKey, owner);
    if (!claimed.lease) releaseOwner(owner);
    return claimed;
  } catch (e) {
    releaseOwner(owner);
    throw e;
  }
}

export async function claimAs(
  r: RegistryCore,
  runKey: string,
  owner: ClaimOwner,
): Promise<{
  version: number;
  resumed: boolean;
  manifest: Manifest | null;
  lease: Lease | null;
}> {
  const leaseMs = r.options.leaseMs ?? 60_000;
  const waitMs = r.options.waitForOtherAttemptMs ?? 15 * 60_000;
  const started = Date.now();
  let announced = false;
  for (let round = 0; ; round++) {
    const stale: { etag?: string } = {};
    const own = await findOwn(r, runKey, stale);
    if (own) {
      const manifest = await r.manifest(own.version);
      if (manifest) return { version: own.version, resumed: true, manifest, lease: null };
      const claim = own.claim.value;
      if (ownerGone(claim, r.ctx.now().getTime(), leaseMs, hostname(), ownerAlive)) {
        const record: ClaimRecord = {
          ...claim,
          owner,
          heartbeatAt: r.ctx.now().toISOString(),
          // A new token: the gone writer may wake up and write on, but only under its own.
          fence: (claim.fence ?? 1) + 1,
        };
        try {
          const put = await r.store.put(claimKey(r.model, own.version), json(record), {
            ifMatch: own.claim.etag,
          });
          r.ctx.logger.info(`resuming version ${own.version}: the attempt that claimed it is gone`);
          return {
            version: own.version,
            resumed: true,
            manifest: null,
            lease: lease(r, own.version, record, put.etag),
          };
        } catch (e) {
          if (!(e instanceof PreconditionFailed)) throw e;
          continue; // another attempt took it over first: look again
        }
      }
      if (Date.now() - started > waitMs) {
        throw new Error(
          `version ${own.version} is being written by another attempt of this run (attempt ${claim.owner?.runAttempt ?? '?'}, pid ${claim.owner?.pid ?? '?'} on ${claim.owner?.host ?? '?'}); this attempt leaves it alone after waiting ${Math.round(waitMs / 1000)} s`,
        );
      }
      if (!announced) {
        r.ctx.logger.info(
          `version ${own.version} is being written by another attempt of this run (attempt ${claim.owner?.runAttempt ?? '?'}); waiting for it to finish`,
        );
        announced = true;
      }
      await sleep(Math.min(1000, 50 * 2 ** Math.min(round, 5)) * (0.5 + Math.random()));
      continue;
    }
    const fresh = await claimNew(r, runKey, owner, stale.etag);
    if (fresh) return { ...fresh, resumed: false, manifest: null };
    // Another attempt of this run indexed its claim first: ours was given back; wait for theirs.
  }
}

/** Claims the next free number; null when another attempt of the same run indexed first. */
export async function claimNew(
  r: RegistryCore,
  runKey: string,
  owner: ClaimOwner,
  staleIndexEtag: string | undefined,
): Promise<{ version: number; lease: Lease } | null> {
  const indexKey = runKeyIndexKey(r.model, runKey);
  const scan = scanVersions(
    r.model,
    (await r.store.list(versionsPrefix(r.model))).map((o) => o.key),
  );
  let n = nextVersion(scan);
  let record: ClaimRecord;
  let etag: string;
  for (let attempt = 0; ; attempt++) {
    const at = r.ctx.now().toISOString();
    record = {
      model: r.model,
      version: n,
      runKey,
      claimedAt: at,
      owner,
      heartbeatAt: at,
      fence: 1,
    };
    try {
      etag = (await r.store.put(claimKey(r.model, n), json(record), { ifNoneMatch: '*' })).etag;
      // Read back: a store whose create-if-absent is not atomic (moto checks, then writes) can
      // let two writers both create the claim; the one it names now is the owner. The fence
      // (If-None-Match on every file) turns a remaining overlap into an error, never a mix.
      const back = await r.readJson<ClaimRecord>(claimKey(r.model, n));
      if (back?.value.owner?.nonce === owner.nonce) break;
      if (attempt >= 1000) throw new PreconditionFailed(claimKey(r.model, n));
      n++;
    } catch (e) {
      if (!(e instanceof PreconditionFailed) || attempt >= 1000) throw e;
      n++; // a concurrent publisher took n
    }
  }
  if (!(await writeIndex(r, indexKey, n, staleIndexEtag))) {
    await r.store.delete(claimKey(r.model, n));
    return null;
  }
  return { version: n, lease: lease(r, n, record, etag) };
}

export function lease(r: RegistryCore, version: number, record: ClaimRecord, etag: string): Lease {
  return new Lease(r.store, r.model, version, record, etag, r.options.leaseMs ?? 60_000, r.ctx.now);
}

export async function writeIndex(
  r: RegistryCore,
  key: string,
  version: number,
  staleEtag?: string,
): Promise<boolean> {
  try {
    await r.store.put(
      key,
      json({ version }),
      staleEtag ? { ifMatch: staleEtag } : { ifNoneMatch: '*' },
    );
    return true;
  } catch (e) {
    if (e instanceof PreconditionFailed) return false;
    throw e;
  }
}
