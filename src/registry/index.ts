/**
 * The registry's entry point: the pipeline's Registry interface (api.ts) and opening a registry
 * on the store a config names. Types flow one way: api, core and the parts never import this file.
 */
import type { StageContext } from '../context.js';
import { UserError } from '../errors.js';
import type { PublishConfig } from './config.js';
import { StoreRegistry } from './registry.js';
import type { OrphanClaim, RegistryOptions, VerifyReport } from './registry.js';
import { openStore } from './store.js';

export type { ChampionInfo, HistoryEntry, PublishInput, Registry } from './api.js';
export { StoreRegistry } from './registry.js';
export type { OrphanClaim, PublishStep, RegistryOptions, VerifyReport } from './registry.js';
export { openStore } from './store.js';
export type * from './types.js';
export { PreconditionFailed } from './types.js';

/**
 * Opens the registry named by publish.registry: s3://… or a local directory (relative to
 * ctx.root). With publish.layout: triton, promotions also switch a Triton model repository.
 * Call close() when done (destroys the S3 client).
 */
export function openRegistry(
  config: PublishConfig,
  modelName: string,
  ctx: StageContext,
  extra: Partial<
    Pick<RegistryOptions, 'onStep' | 'fileConcurrency' | 'leaseMs' | 'waitForOtherAttemptMs'>
  > = {},
): StoreRegistry {
  const store = openStore(
    config.registry,
    ctx.root,
    config.s3,
    'publish.registry',
    process.env,
    ctx.signal,
  );
  let triton: RegistryOptions['triton'];
  if (config.layout === 'triton') {
    if (!config.triton) {
      throw new UserError(
        'publish.triton.repository is required with publish.layout: triton (s3://bucket/prefix or a directory)',
      );
    }
    const tStore =
      config.triton.repository === config.registry
        ? store
        : openStore(
            config.triton.repository,
            ctx.root,
            config.s3,
            'publish.triton.repository',
            process.env,
            ctx.signal,
          );
    triton = { store: tStore, modelName: config.triton.model_name ?? modelName };
  }
  return new StoreRegistry(store, modelName, ctx, { alias: config.alias, triton, ...extra });
}

/** Re-downloads a version and re-hashes every file against its manifest (CLI: verify). */
export function verifyVersion(registry: StoreRegistry, version: number): Promise<VerifyReport> {
  return registry.verify(version);
}

/**
 * Lists claims left by crashed publishers (no manifest, older than graceMs) and removes them
 * unless dryRun (CLI: cleanup).
 */
export function cleanupOrphans(
  registry: StoreRegistry,
  options: { graceMs: number; dryRun?: boolean },
): Promise<OrphanClaim[]> {
  return registry.cleanupOrphans(options);
}
