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
  /** Fence token of the claim the files were written under (absent: 1); names their folder. */
  fence?: number;
  /**
   * What the publishing run meant to do with the alias, so any attempt that completes the
   * version (a resumed re-run, a concurrent attempt) promotes it under the same condition.
   */
  promotion?: PromotionIntent;
}

/** The alias state a challenger was validated against: the alias moves only from there. */
export interface ValidatedAgainst {
  /** Version the alias served (null: cold start, no alias yet). */
  version: number | null;
  /** The alias record's ETag as read then (null: not known, the version alone is compared). */
  etag: string | null;
}

export interface PromotionIntent {
  /** null: shadow, the alias is not moved. */
  alias: string | null;
  /** Absent: an unconditional move (rollback-style, and manifests written before this field). */
  validatedAgainst?: ValidatedAgainst;
}

/** Who is writing a version: one live attempt per version, identified beyond the run key. */
export interface ClaimOwner {
  runAttempt: number;
  /** Random per process and publication: two attempts of one run never share it. */
  nonce: string;
  pid: number;
  host: string;
}

/** Written first with If-None-Match: owning this object is owning the version number. */
export interface ClaimRecord {
  model: string;
  version: number;
  runKey: string;
  claimedAt: string;
  /** Absent in claims written before attempts were told apart (treated as abandoned). */
  owner?: ClaimOwner;
  /** Renewed by the owner while it uploads; a claim not renewed for the lease time is abandoned. */
  heartbeatAt?: string;
  /**
   * Fence token: 1 for a new claim, one more on every takeover (a compare-and-swap on the claim,
   * so no two holders ever share one). A holder writes the version's files only under keys that
   * carry its token, each created with If-None-Match.
   */
  fence?: number;
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
  /**
   * Set when the alias had moved away from the version the challenger was validated against
   * (another run promoted, or someone rolled back): the version is published, not promoted.
   */
  superseded?: {
    /** The version the alias serves now (null: the alias was removed). */
    serving: number | null;
    /** The version the challenger was compared with (null: cold start). */
    validatedAgainst: number | null;
  };
}
