/**
 * What the pipeline sees of the registry: the Registry interface and the values it passes.
 * Nothing here imports the registry's implementation, so the types flow one way.
 */
import type { NoDataState } from '../gate/no-data.js';
import type { Manifest, ObjectStore, Publication, ValidatedAgainst } from './types.js';

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
