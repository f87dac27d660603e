import type { StageContext } from '../context.js';
import type { PublishConfig } from './config.js';
import type { Manifest, Publication } from './types.js';

/** The version the alias serves now. */
export interface ChampionInfo {
  version: number;
  manifest: Manifest;
  /** The metrics recorded when it was published (challenger metrics of that run). */
  metrics: Record<string, number>;
  createdAt: string;
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
}

export interface Registry {
  /** URI of the registry root for this model. */
  readonly uri: string;
  champion(alias: string): Promise<ChampionInfo | null>;
  /** Downloads and verifies a version's files into dir. */
  download(version: number, dir: string): Promise<void>;
  publish(input: PublishInput): Promise<Publication>;
  rollback(to: number | undefined, meta: { runId: string; reason?: string }): Promise<Publication>;
  history(): Promise<HistoryEntry[]>;
}

/** Opens the registry named by publish.registry: s3://… or a local directory. */
export function openRegistry(
  config: PublishConfig,
  modelName: string,
  ctx: StageContext,
): Registry {
  void config;
  void modelName;
  void ctx;
  throw new Error('registry: not implemented yet');
}
