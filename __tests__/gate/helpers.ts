import type { GateConfig, CheckConfig } from '../../src/gate/config.js';
import type { GateInput } from '../../src/gate/index.js';
import type { MetricsResult, Series } from '../../src/metrics/types.js';
import type { Trigger } from '../../src/trigger/types.js';

const HOUR = 3_600_000;
export const T0 = Date.UTC(2026, 0, 1);

/** A series with one sample per minute starting at `start`. */
export function series(name: string, values: number[] | Float64Array, start = T0): Series {
  const v = Float64Array.from(values);
  const t = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) t[i] = start + i * 60_000;
  return { name, timestamps: t, values: v };
}

export function categorical(name: string, labels: string[], start = T0): Series {
  const s = series(name, new Float64Array(labels.length).fill(NaN), start);
  return { ...s, labels };
}

/** Current window [T0, T0+24h), reference the day before. */
export function metrics(current: Series[], reference?: Series[]): MetricsResult {
  const rec = (xs: Series[]) => Object.fromEntries(xs.map((s) => [s.name, s]));
  return {
    source: 'test',
    queries: [],
    current: { name: 'current', range: { start: T0, end: T0 + 24 * HOUR }, series: rec(current) },
    ...(reference
      ? {
          reference: {
            name: 'reference' as const,
            range: { start: T0 - 24 * HOUR, end: T0 },
            series: rec(reference),
          },
        }
      : {}),
    points: {},
    warnings: [],
  };
}

export const trigger: Trigger = {
  kind: 'schedule',
  event: 'schedule',
  reason: 'scheduled run',
  forced: false,
  inputs: {},
};

export function gate(checks: CheckConfig[], extra: Partial<GateConfig> = {}): GateConfig {
  return { min_samples: 30, on_warn: 'report', dry_run: false, checks, ...extra };
}

export function input(m: MetricsResult, extra: Partial<GateInput> = {}): GateInput {
  return { metrics: m, trigger, forced: false, dryRun: false, championAgeMs: HOUR, ...extra };
}

export function range(n: number, f: (i: number) => number): number[] {
  return Array.from({ length: n }, (_, i) => f(i));
}
