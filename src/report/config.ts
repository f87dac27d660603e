import { notifySchema, type NotifyConfig } from './notify/config.js';

export interface ReportConfig {
  /** Folder for the run report JSON and saved notebooks (default: $RUNNER_TEMP/model-retrain or .model-retrain). */
  dir?: string;
  /** The warning issue, the deployment record, the serving webhook and the Datadog event. */
  notify?: NotifyConfig;
}

export const reportSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Where reports go and who is told.',
  properties: {
    dir: { type: 'string', minLength: 1 },
    notify: notifySchema,
  },
} as const;
