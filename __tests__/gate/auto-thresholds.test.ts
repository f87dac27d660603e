import { describe, expect, it } from 'vitest';
import { DAY_MS, pseudoWindows } from '../../src/gate/auto-thresholds.js';
import type { CheckConfig } from '../../src/gate/config.js';
import { evaluateGate } from '../../src/gate/index.js';
import type { MetricsResult, Series } from '../../src/metrics/types.js';
import { gate, input, normals, T0 } from './helpers.js';

const HOUR = 3_600_000;

/** n samples evenly over [start, start + days). */
function spread(values: Float64Array, start: number, days: number): Series {
  const t = Float64Array.from(
    values,
    (_, i) => start + ((i + 0.5) * days * DAY_MS) / values.length,
  );
  return { name: 'x', timestamps: t, values };
}

/** Current window: one day from T0; reference: `refDays` days before it. */
function windows(cur: Float64Array, ref: Float64Array, refDays: number): MetricsResult {
  return {
    source: 'test',
    queries: [],
    current: {
      name: 'current',
      range: { start: T0, end: T0 + DAY_MS },
      series: { x: spread(cur, T0, 1) },
    },
    reference: {
      name: 'reference',
      range: { start: T0 - refDays * DAY_MS, end: T0 },
      series: { x: spread(ref, T0 - refDays * DAY_MS, refDays) },
    },
    points: {},
    warnings: [],
  };
}

describe('pseudoWindows: reference blocks at the current window’s times of day', () => {
  it.each<[string, number, number, number]>([
    // [name, reference days, current hours, expected draws]
    ['7-day reference, 1-day current', 7, 24, 40],
    ['7-day reference, 4-hour current', 7, 4, 40],
    ['reference shorter than twice the current window', 1.5, 24, 0],
    ['each hour on one reference day only', 1, 4, 0],
  ])('%s', (_name, refDays, curHours, draws) => {
    const reference = { start: T0 - refDays * DAY_MS, end: T0 };
    const current = { start: T0 + 2 * HOUR, end: T0 + 2 * HOUR + curHours * HOUR };
    const out = pseudoWindows(reference, current);
    expect(out).toHaveLength(draws);
    for (const blocks of out) {
      expect(new Set(blocks.map((b) => b.start)).size).toBe(blocks.length);
      blocks.forEach((b, j) => {
        const offset =
          (b.start - current.start - j * Math.min(HOUR, (curHours * HOUR) / 4)) % DAY_MS;
        expect(Math.abs(offset)).toBe(0);
        expect(b.start).toBeGreaterThanOrEqual(reference.start);
        expect(b.end).toBeLessThanOrEqual(reference.end);
      });
    }
  });
});

describe('auto thresholds decide from the reference’s own spread', () => {
  const n = 2000;
  const ref = normals(7 * n, 1);
  it.each<[string, CheckConfig['statistic'], Float64Array, string]>([
    ['no change → ok: wasserstein_normed', 'wasserstein_normed', normals(n, 2), 'ok'],
    ['no change: scale', 'scale', normals(n, 3), 'ok'],
    ['no change: psi', 'psi', normals(n, 4), 'ok'],
    ['no change: location', 'location', normals(n, 11), 'ok'],
    ['0.3σ shift: location', 'location', normals(n, 12, 0.3), 'alert'],
    ['0.3σ shift down: location', 'location', normals(n, 13, -0.3), 'alert'],
    ['spread × 1.5, same centre: location', 'location', normals(n, 14, 0, 1.5), 'ok'],
    ['0.5σ shift: wasserstein_normed', 'wasserstein_normed', normals(n, 5, 0.5), 'alert'],
    ['spread × 1.5: scale', 'scale', normals(n, 6, 0, 1.5), 'alert'],
    ['0.5σ shift: psi', 'psi', normals(n, 7, 0.5), 'alert'],
  ])('%s', (_name, statistic, cur, status) => {
    const c = evaluateGate(gate([{ series: 'x', statistic }]), input(windows(cur, ref, 7)))
      .checks[0]!;
    expect(c.status).toBe(status);
    expect(c.detail).toMatchObject({ thresholds: 'auto', auto_draws: 40 });
    expect(c.alert).toBeGreaterThan(c.warn as number);
  });

  it('a reference whose rows are out of time order gets the same levels as one in order', () => {
    const inOrder = windows(normals(n, 10, 0.3), ref, 7);
    const shuffled = structuredClone(inOrder);
    const s = shuffled.reference!.series.x!;
    // reverse the rows: same (timestamp, value) pairs, descending time
    s.timestamps.reverse();
    s.values.reverse();
    const check = gate([{ series: 'x', statistic: 'wasserstein_normed' }]);
    const a = evaluateGate(check, input(inOrder)).checks[0]!;
    const b = evaluateGate(check, input(shuffled)).checks[0]!;
    expect(b.detail).toMatchObject({ thresholds: 'auto', auto_draws: 40 });
    expect(b.warn).toBe(a.warn);
    expect(b.alert).toBe(a.alert);
  });

  it('falls back to the fixed levels, and says why, when the reference is too short', () => {
    const c = evaluateGate(
      gate([{ series: 'x', statistic: 'psi' }]),
      input(windows(normals(n, 8), normals(n, 9), 1)),
    ).checks[0]!;
    expect(c).toMatchObject({ warn: 0.1, alert: 0.25 });
    expect(c.detail).toMatchObject({ thresholds: 'fixed' });
    expect(String(c.detail?.auto_fallback)).toMatch(/at least twice as long/);
  });

  it('raw wasserstein with thresholds: auto and no usable reference is insufficient, not silent', () => {
    const c = evaluateGate(
      gate([{ series: 'x', statistic: 'wasserstein', thresholds: 'auto' }]),
      input(windows(normals(n, 8, 3), normals(n, 9), 1)),
    ).checks[0]!;
    expect(c.status).toBe('insufficient');
    expect(c.note).toMatch(/no thresholds to compare with/);
  });
});

describe('p-value checks at full power need an effect size to alert', () => {
  const n = 20_000;
  it.each<[string, number, string]>([
    ['0.05σ shift: significant but KS D < 0.05 → warn', 0.05, 'warn'],
    ['0.3σ shift: KS D ≥ 0.05 → alert', 0.3, 'alert'],
  ])('%s', (_name, shift, status) => {
    const c = evaluateGate(
      gate([{ series: 'x', statistic: 'ks', alert: 0.001 }]),
      input(windows(normals(n, 11, shift), normals(n, 12), 1)),
    ).checks[0]!;
    expect(c.status).toBe(status);
    if (status === 'warn')
      expect(c.note).toMatch(/capped at warn: .* KS D = .* < min_effect 0\.05/);
  });
});
