import { gateSchema } from '../gate/config.js';
import { metricsSchema } from '../metrics/config.js';
import { publishSchema } from '../registry/config.js';
import { reportSchema } from '../report/config.js';
import { trainSchema } from '../train/config.js';
import { triggerSchema } from '../trigger/config.js';
import { validateSchema } from '../validate/config.js';

/** The config file's JSON Schema; also written to schema/model-retrain.schema.json for editors. */
export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/model-retrain-action/model-retrain-action/schema/model-retrain.schema.json',
  title: 'model-retrain-action config',
  type: 'object',
  additionalProperties: false,
  required: ['model', 'metrics', 'gate', 'train', 'validate', 'publish'],
  properties: {
    $schema: { type: 'string' },
    model: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: {
          type: 'string',
          pattern: '^[a-z0-9][a-z0-9._-]{0,99}$',
          description: 'Registry name of the model',
        },
        description: { type: 'string' },
      },
    },
    metrics: metricsSchema,
    gate: gateSchema,
    train: trainSchema,
    validate: validateSchema,
    publish: publishSchema,
    trigger: triggerSchema,
    report: reportSchema,
  },
} as const;
