import type { StageContext } from '../context.js';
import type { MetricsConfig } from './config.js';
import type { MetricsResult } from './types.js';

/** Builds the configured source and fetches the current and reference windows. */
export async function fetchMetrics(
  config: MetricsConfig,
  ctx: StageContext,
): Promise<MetricsResult> {
  void config;
  void ctx;
  throw new Error('metrics: not implemented yet');
}
