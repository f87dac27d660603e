export interface PublishConfig {
  /** s3://bucket/prefix or a local directory (relative to the repository root). */
  registry: string;
  /** The alias moved to each promoted version. */
  alias: string;
}

export const publishSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['registry'],
  description: 'Where versions are published and which alias serves.',
  properties: {
    registry: { type: 'string', minLength: 1 },
    alias: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$', default: 'production' },
  },
} as const;
