import type { TriggerConfig } from './config.js';
import type { Trigger } from './types.js';

export interface TriggerOptions {
  force: boolean;
  reason?: string;
}

/** GitHub event (name + payload) → Trigger. Pure: no API calls. */
export function readTrigger(
  eventName: string,
  payload: Record<string, unknown>,
  options: TriggerOptions,
  config: TriggerConfig,
): Trigger {
  void config;
  return {
    kind: 'other',
    event: eventName,
    reason: options.reason ?? eventName,
    forced: options.force,
    inputs: {},
    ...(payload ? {} : {}),
  };
}
