export interface S3Settings {
  /** Region; default AWS_REGION / AWS_DEFAULT_REGION / the shared AWS config. */
  region?: string;
  /** Custom endpoint (MinIO, moto…); the SDK also honours AWS_ENDPOINT_URL_S3. */
  endpoint?: string;
  /** Path-style addressing; default true whenever a custom endpoint is in use. */
  force_path_style?: boolean;
  /** Multipart part size in MiB (5–5120); memory use is about part_size × (queue_size + 2). Raised automatically for files over 10,000 parts. */
  part_size_mb: number;
  /** Parts uploaded in parallel. */
  queue_size: number;
  /** SDK attempts per request (transient faults, throttling). */
  max_attempts: number;
}

export interface TritonSettings {
  /** Triton model repository: s3://bucket/prefix or a local directory. */
  repository: string;
  /** Folder name of the model in the repository (default: the registry model name). */
  model_name?: string;
}

export interface PublishConfig {
  /** s3://bucket/prefix or a local directory (relative to the repository root). */
  registry: string;
  /** The alias moved to each promoted version. */
  alias: string;
  /** Extra serving layout written besides the registry. */
  layout?: 'registry' | 'triton';
  triton?: TritonSettings;
  s3?: Partial<S3Settings>;
}

/** Alias and folder names: a plain name, never `.`/`..`, hidden or a path (they become keys). */
export const PLAIN_NAME = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$';

/**
 * Why a registry location is not `s3://bucket/prefix` or a local path, or null when it is.
 * `s3:/bucket` (one slash) would otherwise be taken for a local folder named `s3:`.
 */
export function registryLocationProblem(location: string): string | null {
  if (/^s3:/i.test(location)) {
    const m = /^s3:\/\/([^/]*)(\/.*)?$/.exec(location);
    if (!m) {
      return `"${location}" is not an S3 URI; write s3://bucket/prefix (lower-case s3, two slashes) or a local directory`;
    }
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(m[1] ?? '')) {
      return `"${location}": "${m[1] ?? ''}" is not a valid bucket name (3-63 lower-case letters, digits, dots and hyphens); write s3://bucket/prefix`;
    }
    if ((m[2] ?? '').split('/').some((p) => p === '.' || p === '..')) {
      return `"${location}": the prefix has . or .. segments; write s3://bucket/prefix with plain folder names`;
    }
    return null;
  }
  // A scheme (two letters or more, so a Windows drive such as C:\ still reads as a path).
  if (/^[a-z][a-z0-9+.-]+:/i.test(location)) {
    return `"${location}" is not supported; use s3://bucket/prefix or a local directory`;
  }
  return null;
}

export const s3Defaults: S3Settings = {
  // 8 MiB × 4 keeps a 1–4 GiB upload near 170 MB RSS; 16 MiB parts measured ~235 MB.
  part_size_mb: 8,
  queue_size: 4,
  max_attempts: 5,
};

export const publishSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['registry'],
  description: 'Where versions are published and which alias serves.',
  properties: {
    registry: {
      type: 'string',
      minLength: 1,
      description: 's3://bucket/prefix or a local directory relative to the repository root',
    },
    alias: { type: 'string', pattern: PLAIN_NAME, default: 'production' },
    layout: {
      enum: ['registry', 'triton'],
      default: 'registry',
      description: 'triton: also write a Triton model repository and switch its version policy',
    },
    triton: {
      type: 'object',
      additionalProperties: false,
      required: ['repository'],
      properties: {
        repository: { type: 'string', minLength: 1 },
        model_name: { type: 'string', pattern: PLAIN_NAME },
      },
    },
    s3: {
      type: 'object',
      additionalProperties: false,
      description: 'S3 client settings; credentials always come from the standard AWS chain',
      properties: {
        region: { type: 'string', minLength: 1 },
        endpoint: { type: 'string', pattern: '^https?://' },
        force_path_style: { type: 'boolean' },
        part_size_mb: { type: 'integer', minimum: 5, maximum: 5120, default: 8 },
        queue_size: { type: 'integer', minimum: 1, maximum: 64, default: 4 },
        max_attempts: { type: 'integer', minimum: 1, maximum: 20, default: 5 },
      },
    },
  },
} as const;
