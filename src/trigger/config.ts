import { durationSchema } from '../config/duration.js';

export interface TriggerConfig {
  /** push: retrain only when a changed file matches one of these globs (default: the notebook's folder). */
  push_paths?: string[];
  /**
   * A Datadog "Triggered" alert is evidence enough: retrain without re-checking the gate.
   * Default false: the gate re-checks the metrics and has the last word.
   */
  trust_alert?: boolean;
  /** No retrain sooner than this after the last publish (stops retrain storms); 0 turns it off. Default 6h. */
  cooldown?: string | number;
}

export const triggerSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'How events become retrain requests.',
  properties: {
    push_paths: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description:
        'Globs (*, **, ?, !negation) of training code; a push touching one retrains. Default: the notebook folder.',
    },
    trust_alert: {
      type: 'boolean',
      default: false,
      description: 'Retrain on a Datadog "Triggered" alert without re-checking the gate.',
    },
    cooldown: { ...durationSchema, default: '6h' },
  },
} as const;
