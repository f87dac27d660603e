/**
 * What every part of the registry shares: the store, the model, the run's context and options,
 * and reading JSON records. Parts are functions over a RegistryCore; StoreRegistry is one.
 */
import type { StageContext } from '../context.js';
import { UserError } from '../errors.js';
import { manifestKey } from './keys.js';
import type { Manifest, ObjectStore } from './types.js';

/** Steps reported to `onStep`, in publishing order (tests kill a publisher at each one). */
export type PublishStep = 'claim' | `file:${number}` | 'manifest' | 'triton' | 'alias' | 'history';

export interface TritonTarget {
  store: ObjectStore;
  /** Folder name of the model inside the Triton repository. */
  modelName: string;
}

export interface RegistryOptions {
  /** Alias moved by publish() when input.moveAlias is set. */
  alias: string;
  triton?: TritonTarget;
  /** Files transferred in parallel (each S3 file is itself a multipart upload). */
  fileConcurrency?: number;
  /** Called after each durable publishing step. */
  onStep?: (step: PublishStep) => void;
  /** A claim not renewed for this long is abandoned by its writer (default 60 s). */
  leaseMs?: number;
  /** How long an attempt waits for another live attempt of its run to finish the version (default 15 min). */
  waitForOtherAttemptMs?: number;
}

export const MAX_CAS_ATTEMPTS = 50;
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export const jitter = (attempt: number): number => Math.random() * Math.min(500, 10 * 2 ** attempt);
export const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

export class RegistryCore {
  readonly uri: string;

  constructor(
    readonly store: ObjectStore,
    readonly model: string,
    readonly ctx: StageContext,
    readonly options: RegistryOptions,
  ) {
    this.uri = store.uri(`${model}/`);
  }

  /** Marks a durable step; a cancelled workflow stops here, between steps (each is crash-safe). */
  step(name: PublishStep): void {
    this.options.onStep?.(name);
    this.ctx.signal.throwIfAborted();
  }

  async readJson<T>(key: string): Promise<{ value: T; etag: string } | null> {
    const got = await this.store.get(key);
    if (!got) return null;
    try {
      return { value: JSON.parse(got.body.toString('utf8')) as T, etag: got.etag };
    } catch {
      throw new Error(`registry object ${this.store.uri(key)} is not valid JSON`);
    }
  }

  async manifest(version: number): Promise<Manifest | null> {
    return (await this.readJson<Manifest>(manifestKey(this.model, version)))?.value ?? null;
  }

  async requireManifest(version: number): Promise<Manifest> {
    const manifest = await this.manifest(version);
    if (!manifest) {
      throw new UserError(
        `version ${version} of model ${this.model} does not exist in ${this.uri} (no manifest); see history for published versions`,
      );
    }
    return manifest;
  }
}
