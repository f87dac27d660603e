import { durationSchema } from '../../config/duration.js';

/** Common to every target: whether its failure fails the run (default: a warning only). */
interface TargetConfig {
  required?: boolean;
}

export interface IssueNotifyConfig extends TargetConfig {
  /** Default: on when gate.on_warn is "issue". */
  enabled?: boolean;
  /** Labels of the issue; the first one also finds it again (default ["model-retrain"]). */
  labels?: string[];
}

export interface DeploymentNotifyConfig extends TargetConfig {
  /** GitHub environment of the deployment record (e.g. "production"). */
  environment: string;
  /** URL of the serving endpoint, shown on the deployment. */
  url?: string;
  /** Default: GitHub's rule (true only for an environment named "production"). */
  production_environment?: boolean;
}

export interface WebhookNotifyConfig extends TargetConfig {
  /** Where the serving platform listens; the body is signed with the webhook secret. */
  url: string;
  /** Attempts in all, for 5xx, 408, 429 and network errors (default 5). */
  attempts?: number;
  /** First wait between attempts, doubled each time (default 1s). */
  retry_delay?: string | number;
  /** Per-attempt timeout (default 10s). */
  timeout?: string | number;
}

export interface DatadogEventNotifyConfig extends TargetConfig {
  /** Datadog site (default: metrics.datadog.site, else datadoghq.com). */
  site?: string;
  /** Full API base URL, overriding site (e.g. a proxy). */
  url?: string;
  /** Extra tags, e.g. ["env:prod", "team:ml"]. */
  tags?: string[];
  /** service: tag (default: the model name). */
  service?: string;
}

/** `report.notify`: who is told what, after a run. */
export interface NotifyConfig {
  issue?: IssueNotifyConfig;
  deployment?: DeploymentNotifyConfig;
  webhook?: WebhookNotifyConfig;
  datadog?: DatadogEventNotifyConfig;
}

const required = {
  type: 'boolean',
  default: false,
  description: 'Fail the run when this notification fails (default: a warning).',
} as const;

export const notifySchema = {
  type: 'object',
  additionalProperties: false,
  description:
    'Notifications after a run: GitHub issue, GitHub deployment, serving webhook, Datadog event.',
  properties: {
    issue: {
      type: 'object',
      additionalProperties: false,
      description:
        'One GitHub issue per model while it is in warning or alert (needs issues: write).',
      properties: {
        enabled: { type: 'boolean' },
        labels: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          default: ['model-retrain'],
        },
        required,
      },
    },
    deployment: {
      type: 'object',
      additionalProperties: false,
      required: ['environment'],
      description:
        'A GitHub deployment with a success status when the alias moves (needs deployments: write).',
      properties: {
        environment: { type: 'string', minLength: 1 },
        url: { type: 'string', pattern: '^https?://' },
        production_environment: { type: 'boolean' },
        required,
      },
    },
    webhook: {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      description: 'POST the new version to the serving platform, signed with the webhook secret.',
      properties: {
        url: { type: 'string', pattern: '^https?://' },
        attempts: { type: 'integer', minimum: 1, maximum: 10, default: 5 },
        retry_delay: durationSchema,
        timeout: durationSchema,
        required,
      },
    },
    datadog: {
      type: 'object',
      additionalProperties: false,
      description: 'A Datadog event as a deployment marker (needs the Datadog API key).',
      properties: {
        site: { type: 'string', minLength: 1 },
        url: { type: 'string', pattern: '^https?://' },
        tags: { type: 'array', items: { type: 'string', minLength: 1 } },
        service: { type: 'string', minLength: 1 },
        required,
      },
    },
  },
} as const;
