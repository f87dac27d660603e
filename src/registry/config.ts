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
    alias: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$', default: 'production' },
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
        model_name: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
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
