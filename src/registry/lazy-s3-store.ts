import type { S3Settings } from './config.js';
import type { S3Location } from './s3-location.js';
import type { ObjectInfo, ObjectStore, PutOptions } from './types.js';

/**
 * The S3 store, opened on first use: the AWS SDK is a large part of the bundle and a run that
 * never reaches the registry (a skip on a cold runner, a config error) should not load it.
 */
export class LazyS3Store implements ObjectStore {
  private store?: Promise<ObjectStore>;

  constructor(
    readonly location: S3Location,
    private readonly settings: Partial<S3Settings> | undefined,
    private readonly env: NodeJS.ProcessEnv,
    private readonly signal: AbortSignal | undefined,
    /** Turns a construction error (bad endpoint…) into the user error naming the field. */
    private readonly onError: (e: unknown) => Error,
  ) {}

  private open(): Promise<ObjectStore> {
    this.store ??= import('./s3-store.js').then((m) => {
      try {
        return new m.S3Store(this.location, this.settings, this.env, this.signal);
      } catch (e) {
        throw this.onError(e);
      }
    });
    return this.store;
  }

  uri(key: string): string {
    const full = this.location.prefix ? `${this.location.prefix}/${key}` : key;
    return `s3://${this.location.bucket}/${full}`;
  }
  async get(key: string): Promise<{ body: Buffer; etag: string } | null> {
    return (await this.open()).get(key);
  }
  async put(key: string, body: Buffer | string, options?: PutOptions): Promise<ObjectInfo> {
    return (await this.open()).put(key, body, options);
  }
  async putFile(
    key: string,
    path: string,
    options?: PutOptions,
  ): Promise<ObjectInfo & { sha256: string }> {
    return (await this.open()).putFile(key, path, options);
  }
  async head(key: string): Promise<(ObjectInfo & { sha256?: string }) | null> {
    return (await this.open()).head(key);
  }
  async getToFile(key: string, path: string): Promise<{ size: number; sha256: string }> {
    return (await this.open()).getToFile(key, path);
  }
  async list(prefix: string): Promise<ObjectInfo[]> {
    return (await this.open()).list(prefix);
  }
  async delete(key: string): Promise<void> {
    return (await this.open()).delete(key);
  }
  async close(): Promise<void> {
    if (this.store) await (await this.store).close();
  }
}
