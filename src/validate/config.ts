export interface MetricPolicy {
  /** Whether larger values are better. */
  direction: 'higher' | 'lower';
  /** Absolute floor (higher) or ceiling (lower) the challenger must meet, champion or not. */
  floor?: number;
  /** Primary metric: minimum absolute improvement over the champion. */
  min_change?: number;
}

export interface ValidateConfig {
  /** The metric that decides promotion. */
  primary: string;
  metrics: Record<string, MetricPolicy>;
}

export const validateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['primary', 'metrics'],
  description: 'Champion vs challenger policy.',
  properties: {
    primary: { type: 'string', minLength: 1 },
    metrics: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['direction'],
        properties: {
          direction: { enum: ['higher', 'lower'] },
          floor: { type: 'number' },
          min_change: { type: 'number', minimum: 0 },
        },
      },
    },
  },
} as const;
