/** Maintenance: re-verifying a published version, removing claims left by crashed publishers. */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { mapLimit } from '../concurrency.js';
import type { RegistryCore } from './core.js';
import { fetchFiles } from './files.js';
import {
  claimKey,
  manifestKey,
  runKeyIndexKey,
  scanVersions,
  versionPrefix,
  versionsPrefix,
} from './keys.js';
import type { ClaimRecord } from './types.js';

export interface VerifyReport {
  version: number;
  ok: boolean;
  files: number;
  bytes: number;
  problems: string[];
}

export interface OrphanClaim {
  version: number;
  runKey: string | null;
  claimedAt: string | null;
  /** Objects under the version's folder (claim and partial files). */
  keys: string[];
}

/** Re-downloads every file of a version into a scratch folder and re-hashes it. */
export async function verify(r: RegistryCore, version: number): Promise<VerifyReport> {
  const manifest = await r.requireManifest(version);
  const dir = await mkdtemp(join(r.ctx.workDir, `verify-${version}-`));
  const problems: string[] = [];
  try {
    await mapLimit(manifest.files, r.options.fileConcurrency ?? 4, async (f, i) => {
      try {
        await fetchFiles(r, manifest, [f], () => join(dir, String(i)));
      } catch (e) {
        problems.push((e as Error).message);
      } finally {
        await rm(join(dir, String(i)), { force: true });
      }
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return {
    version,
    ok: problems.length === 0,
    files: manifest.files.length,
    bytes: manifest.files.reduce((s, f) => s + f.size, 0),
    problems,
  };
}

/** Claims without a manifest older than graceMs (crashed publishers); removed unless dryRun. */
export async function cleanupOrphans(
  r: RegistryCore,
  options: { graceMs: number; dryRun?: boolean },
): Promise<OrphanClaim[]> {
  const listing = await r.store.list(versionsPrefix(r.model));
  const scan = scanVersions(
    r.model,
    listing.map((o) => o.key),
  );
  const now = r.ctx.now().getTime();
  const orphans: OrphanClaim[] = [];
  for (const n of scan.claimed.filter((v) => !scan.complete.includes(v))) {
    const claim = (await r.readJson<ClaimRecord>(claimKey(r.model, n)))?.value ?? null;
    const claimedAt = claim?.claimedAt ?? null;
    // A writer still renewing its claim is slow, not crashed.
    const lastSeen = claim?.heartbeatAt ?? claimedAt;
    if (lastSeen !== null && now - Date.parse(lastSeen) < options.graceMs) continue;
    const prefix = versionPrefix(r.model, n);
    const keys = listing.map((o) => o.key).filter((k) => k.startsWith(prefix));
    orphans.push({ version: n, runKey: claim?.runKey ?? null, claimedAt, keys });
    if (options.dryRun) continue;
    // A manifest appearing now means the publisher was only slow: leave the version alone.
    if (await r.store.head(manifestKey(r.model, n))) {
      orphans.pop();
      continue;
    }
    const claimK = claimKey(r.model, n);
    await mapLimit(
      keys.filter((k) => k !== claimK),
      8,
      (k) => r.store.delete(k),
    );
    if (claim) {
      const idx = runKeyIndexKey(r.model, claim.runKey);
      const indexed = await r.readJson<{ version: number }>(idx);
      if (indexed?.value.version === n) await r.store.delete(idx);
    }
    await r.store.delete(claimK); // last: the number stays taken until the rest is gone
  }
  return orphans;
}
