import type { CheckConfig } from './config.js';

/** The check's display name: its configured name, or "<series> <statistic>". */
export function checkName(check: CheckConfig): string {
  if (check.name) return check.name;
  if (check.statistic === 'pct_change') return `${check.series} pct_change(${check.of ?? 'mean'})`;
  return `${check.series} ${check.statistic}`;
}
