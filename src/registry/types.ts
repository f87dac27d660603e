/** A stored object's identity for conditional writes. */
export interface ObjectInfo {
  key: string;
  etag: string;
  size: number;
}

export interface PutOptions {
  /** Create only if absent (If-None-Match: *). Throws PreconditionFailed otherwise. */
  ifNoneMatch?: '*';
  /** Replace only if the current ETag matches (If-Match). Throws PreconditionFailed otherwise. */
  ifMatch?: string;
  contentType?: string;
}

/** A flat key/value store: a local directory or an S3 bucket prefix. Same semantics on both. */
export interface ObjectStore {
  /** Human-readable URI of a key, e.g. s3://bucket/prefix/key or /path/key. */
  uri(key: string): string;
  get(key: string): Promise<{ body: Buffer; etag: string } | null>;
  put(key: string, body: Buffer | string, options?: PutOptions): Promise<ObjectInfo>;
  /** Streams a local file up; returns size and SHA-256 computed while streaming. */
  putFile(
    key: string,
    path: string,
    options?: PutOptions,
  ): Promise<ObjectInfo & { sha256: string }>;
  /** Size (and SHA-256 when the store keeps one for the whole object) without the body; null if absent. */
  head(key: string): Promise<(ObjectInfo & { sha256?: string }) | null>;
  /** Streams an object down to a local file; returns its SHA-256. */
  getToFile(key: string, path: string): Promise<{ size: number; sha256: string }>;
  list(prefix: string): Promise<ObjectInfo[]>;
  delete(key: string): Promise<void>;
  /** Releases connections (S3 client); the store is unusable afterwards. */
  close(): Promise<void>;
}

export class PreconditionFailed extends Error {
  constructor(readonly key: string) {
    super(`precondition failed for ${key}`);
    this.name = 'PreconditionFailed';
  }
}

export interface ManifestFile {
  /** Relative to the version's files/ folder: model/<file> for the artifact, extra/<name> otherwise. */
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  schema: 1;
  model: string;
  version: number;
  createdAt: string;
  files: ManifestFile[];
  lineage: Record<string, unknown>;
  /** Challenger metrics of the run that published it (what champion() returns). */
  metrics?: Record<string, number>;
  /** Identity of the publishing run, so a re-run finds its own version. */
  runKey?: string;
}

/** Written first with If-None-Match: owning this object is owning the version number. */
export interface ClaimRecord {
  model: string;
  version: number;
  runKey: string;
  claimedAt: string;
}

export interface AliasRecord {
  model: string;
  alias: string;
  version: number;
  manifest: string;
  updatedAt: string;
  previousVersion: number | null;
  runId?: string;
}

export interface Publication {
  version: number;
  /** URI of the version's files folder. */
  uri: string;
  manifestUri: string;
  alias: string | null;
  aliasMoved: boolean;
  previousVersion: number | null;
  /** True when a re-run found its own earlier version and reused it. */
  resumed: boolean;
}
