export interface TriggerConfig {
  /** push: retrain only when a changed file matches one of these globs (default: the notebook's folder). */
  push_paths?: string[];
}

export const triggerSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'How events become retrain requests.',
  properties: {
    push_paths: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
} as const;
