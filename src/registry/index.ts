import type { StageContext } from '../context.js';
import { UserError } from '../errors.js';
import type { NoDataState } from '../gate/no-data.js';
import type { PublishConfig } from './config.js';
import {
  StoreRegistry,
  type OrphanClaim,
  type RegistryOptions,
  type VerifyReport,
} from './registry.js';
import { openStore } from './store.js';
import type { Manifest, ObjectStore, Publication, ValidatedAgainst } from './types.js';

export { StoreRegistry } from './registry.js';
export type { OrphanClaim, PublishStep, RegistryOptions, VerifyReport } from './registry.js';
export { openStore } from './store.js';
export type * from './types.js';
export { PreconditionFailed } from './types.js';

/** The version the alias serves now. */
export interface ChampionInfo {
  version: number;
  manifest: Manifest;
  /** The metrics recorded when it was published (challenger metrics of that run). */
  metrics: Record<string, number>;
  createdAt: string;
  /** ETag of the alias record as read: publish moves the alias only if it is still this. */
  aliasEtag?: string;
}

export interface HistoryEntry {
  at: string;
  action: 'publish' | 'promote' | 'rollback';
  version: number;
  previousVersion: number | null;
  alias: string | null;
  runId?: string;
  trigger?: string;
  dedupeKey?: string;
  /** The publishing run's key (publish and promote entries). */
  runKey?: string;
  /** Why a person rolled back. */
  reason?: string;
}

export interface PublishInput {
  /** Folder whose files become the version's artifact (the notebook's output_dir/model). */
  modelDir: string;
  /** Other files stored with the version (executed notebook, metrics.json): local path → name under files/. */
  extraFiles: { path: string; name: string }[];
  metrics: Record<string, number>;
  /** repo, commit, workflow run, trigger, windows, gate report, verdict… */
  lineage: Record<string, unknown>;
  /** runId + attempt: a re-run with the same key resumes its own version. */
  runKey: string;
  /** false = shadow: publish the version without moving the alias. */
  moveAlias: boolean;
  /**
   * The alias as read before training (Champion phase): the alias moves only if it still is
   * this (compare-and-swap); otherwise the version is published as superseded. Absent: the
   * alias moves whatever it serves (tests and tools that publish by hand).
   */
  validatedAgainst?: ValidatedAgainst;
}

export interface Registry {
  /** URI of the registry root for this model. */
  readonly uri: string;
  champion(alias: string): Promise<ChampionInfo | null>;
  /** Downloads and verifies a version's files into dir. */
  download(version: number, dir: string): Promise<void>;
  publish(input: PublishInput): Promise<Publication>;
  /**
   * A re-run's own version, already published by an earlier attempt: completes what that
   * attempt left undone (alias, Triton, history) without new files. null when there is none.
   */
  resumePublished(runKey: string): Promise<Publication | null>;
  rollback(to: number | undefined, meta: { runId: string; reason?: string }): Promise<Publication>;
  history(): Promise<HistoryEntry[]>;
  /** The gate's streak of runs without usable data, and its conditional update. */
  gateNoData(): Promise<NoDataState>;
  updateGateNoData<T extends { state: NoDataState; changed: boolean }>(
    step: (prev: NoDataState) => T,
  ): Promise<T>;
  /** Releases the store's connections (S3 client). */
  close?(): Promise<void>;
  /** The store and model folder, for state kept beside the registry (estimate history). */
  readonly store?: ObjectStore;
  readonly model?: string;
}

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
