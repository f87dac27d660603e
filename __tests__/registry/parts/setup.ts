import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RegistryCore, type RegistryOptions } from '../../../src/registry/core.js';
import { LocalStore } from '../../../src/registry/local-store.js';
import { claimKey, filesPrefix, manifestKey } from '../../../src/registry/keys.js';
import { sha256Hex } from '../../../src/registry/hashing.js';
import type { ClaimRecord, Manifest } from '../../../src/registry/types.js';
import { tempDir, testContext } from '../helpers.js';

/** A registry core on a fresh local directory (the parts behave the same on S3; see races). */
export async function localCore(
  options: Partial<RegistryOptions> = {},
  runId = 'run-1',
): Promise<{ core: RegistryCore; store: LocalStore; root: string; done(): Promise<void> }> {
  const root = await tempDir('registry-part-');
  const store = new LocalStore(join(root, 'registry'));
  const core = new RegistryCore(store, 'm', testContext(root, runId), {
    alias: 'production',
    ...options,
  });
  return { core, store, root, done: () => rm(root, { recursive: true, force: true }) };
}

/** Writes a complete version straight into the store: files, claim and manifest. */
export async function seedVersion(
  core: RegistryCore,
  version: number,
  files: Record<string, string>,
  over: Partial<Manifest> = {},
  withClaim = true,
): Promise<Manifest> {
  const entries = Object.entries(files).map(([path, body]) => ({
    path,
    size: Buffer.byteLength(body),
    sha256: sha256Hex(body),
  }));
  for (const [path, body] of Object.entries(files)) {
    await core.store.put(filesPrefix(core.model, version, over.fence) + path, body);
  }
  const at = new Date().toISOString();
  const claim: ClaimRecord = {
    model: core.model,
    version,
    runKey: `seed-${version}`,
    claimedAt: at,
  };
  if (withClaim) await core.store.put(claimKey(core.model, version), JSON.stringify(claim));
  const manifest: Manifest = {
    schema: 1,
    model: core.model,
    version,
    createdAt: at,
    files: entries,
    lineage: {},
    runKey: `seed-${version}`,
    ...over,
  };
  await core.store.put(manifestKey(core.model, version), JSON.stringify(manifest));
  return manifest;
}
