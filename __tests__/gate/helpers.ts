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

/** Deterministic N(mean, sd) samples (mulberry32 + Box–Muller), so tests need no fixtures. */
export function normals(n: number, seed: number, mean = 0, sd = 1): Float64Array {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = uniform() || 1e-12;
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = mean + sd * r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = mean + sd * r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/** Labels drawn with the given weights (deterministic). */
export function labels(n: number, weights: Record<string, number>, seed: number): string[] {
  const u = normals(n, seed).map(
    (x) => 0.5 * (1 + Math.tanh(x * 0.7978845608 * (1 + 0.044715 * x * x))),
  );
  const entries = Object.entries(weights);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  return Array.from(u, (p) => {
    let acc = 0;
    for (const [label, w] of entries) {
      acc += w / total;
      if (p < acc) return label;
    }
    return entries[entries.length - 1]![0];
  });
}

/** Normals with NaN of both signs, ±Inf, ±0, denormals, huge and tiny values mixed in. */
export function specials(n: number, seed: number): Float64Array {
  const a = normals(n, seed).map((x, i) =>
    i % 7 === 0 ? x * 1e300 : i % 11 === 0 ? x * 1e-300 : x,
  );
  a[3] = NaN;
  a[5] = -Infinity;
  a[7] = Infinity;
  a[9] = -0;
  a[11] = 0;
  a[13] = -NaN;
  a[15] = Number.MIN_VALUE;
  a[17] = -Number.MIN_VALUE;
  a[21] = -0;
  a[23] = Infinity;
  new Uint32Array(a.buffer)[2 * 19 + 1] = 0xfff80001; // a NaN with its sign bit set
  return a;
}
