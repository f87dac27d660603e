import { describe, expect, it } from 'vitest';
import type { CheckConfig, GateConfig } from '../../src/gate/config.js';
import { evaluateGate } from '../../src/gate/index.js';
import type { CheckResult, Severity } from '../../src/gate/types.js';
import type { Series } from '../../src/metrics/types.js';
import { categorical, gate, input, labels, metrics, normals, series, T0 } from './helpers.js';

function run(checks: CheckConfig[], cur: Series[], ref: Series[], extra: Partial<GateConfig> = {}) {
  return evaluateGate(gate(checks, extra), input(metrics(cur, ref)));
}
const num = (name: string, n: number, seed: number, mean = 0, sd = 1) =>
  series(name, normals(n, seed, mean, sd));

describe('distribution checks: sample-size regimes and thresholds', () => {
  it.each<[string, CheckConfig, number, number, Severity, RegExp | null]>([
    [
      'psi: 50 rows is insufficient',
      { series: 'x', statistic: 'psi' },
      50,
      1,
      'insufficient',
      /50 samples < min_samples 100/,
    ],
    [
      'psi: 500 rows, no drift → ok (significance-only)',
      { series: 'x', statistic: 'psi' },
      500,
      0,
      'ok',
      /warn at most below 1000 samples/,
    ],
    [
      'psi: 500 rows, 1σ shift → warn, never alert',
      { series: 'x', statistic: 'psi' },
      500,
      1,
      'warn',
      /warn at most below 1000 samples/,
    ],
    ['psi: 5000 rows, no drift → ok', { series: 'x', statistic: 'psi' }, 5000, 0, 'ok', null],
    [
      'psi: 5000 rows, 0.35σ shift → warn',
      { series: 'x', statistic: 'psi' },
      5000,
      0.35,
      'warn',
      null,
    ],
    ['psi: 5000 rows, 1σ shift → alert', { series: 'x', statistic: 'psi' }, 5000, 1, 'alert', null],
    ['js: 5000 rows, 1σ shift → alert', { series: 'x', statistic: 'js' }, 5000, 1, 'alert', null],
    [
      'wasserstein_normed: 0.15σ → warn',
      { series: 'x', statistic: 'wasserstein_normed' },
      5000,
      0.15,
      'warn',
      null,
    ],
    [
      'wasserstein raw with own thresholds',
      { series: 'x', statistic: 'wasserstein', warn: 0.2, alert: 0.4 },
      5000,
      0.5,
      'alert',
      null,
    ],
    ['ks: default warns at α', { series: 'x', statistic: 'ks' }, 5000, 0.2, 'warn', null],
    [
      'ks: alert threshold on p',
      { series: 'x', statistic: 'ks', alert: 1e-6 },
      5000,
      0.2,
      'alert',
      null,
    ],
    ['ks: no drift → ok', { series: 'x', statistic: 'ks', alert: 1e-6 }, 5000, 0, 'ok', null],
    [
      'ks: capped at warn below full power',
      { series: 'x', statistic: 'ks', alert: 1e-6 },
      500,
      1,
      'warn',
      /warn at most below 1000 samples/,
    ],
    [
      'chi2 on reference-decile bins',
      { series: 'x', statistic: 'chi2', alert: 1e-6 },
      5000,
      0.3,
      'alert',
      null,
    ],
    [
      'per-check min_samples',
      { series: 'x', statistic: 'psi', min_samples: 6000 },
      5000,
      1,
      'insufficient',
      /< min_samples 6000/,
    ],
  ])('%s', (_label, check, n, shift, status, note) => {
    const r = run([check], [num('x', n, 2, shift)], [num('x', n, 1)]);
    const c = r.checks[0]!;
    expect(c.status).toBe(status);
    if (note) expect(c.note).toMatch(note);
    expect(c.samples).toEqual({ current: n, reference: n });
    expect(c.value === null || Number.isFinite(c.value)).toBe(true);
  });

  it('reports the effect size and its guard test in detail', () => {
    const c = run([{ series: 'x', statistic: 'psi' }], [num('x', 5000, 2, 1)], [num('x', 5000, 1)])
      .checks[0]!;
    expect(c.value).toBeGreaterThan(0.25);
    expect(c).toMatchObject({ op: '>=', warn: 0.1, alert: 0.25, statistic: 'psi' });
    expect(c.detail).toMatchObject({ test: 'ks', bins: 10, tests: 1, alpha: 0.05 });
    expect(c.detail!.pvalue as number).toBeLessThan(1e-100);
  });

  it('an effect above threshold without a significant test is ok, unless significance is off', () => {
    const check: CheckConfig = { series: 'x', statistic: 'psi', warn: 0.0005, alert: 0.5 };
    const cur = [num('x', 3000, 2)];
    const ref = [num('x', 3000, 1)];
    const guarded = run([check], cur, ref).checks[0]!;
    expect(guarded.value).toBeGreaterThan(0.0005);
    expect(guarded.status).toBe('ok');
    expect(guarded.note).toMatch(/not significant/);
    expect(run([{ ...check, significance: false }], cur, ref).checks[0]!.status).toBe('warn');
  });

  it('Bonferroni: α is divided by the number of tested series', () => {
    // A KS p-value between α/2 and α: significant alone, not with two series tested.
    const ref = [num('x', 2000, 1), num('y', 2000, 3)];
    let found: { shift: number; p: number } | null = null;
    for (let shift = 0.01; shift < 0.2 && !found; shift += 0.005) {
      const c = run([{ series: 'x', statistic: 'ks' }], [num('x', 2000, 2, shift)], ref).checks[0]!;
      if (c.value! > 0.025 && c.value! < 0.05) found = { shift, p: c.value! };
    }
    expect(found).not.toBeNull();
    const cur = [num('x', 2000, 2, found!.shift), num('y', 2000, 4)];
    const checks: CheckConfig[] = [
      { series: 'x', statistic: 'ks' },
      { series: 'y', statistic: 'ks' },
    ];
    const two = run(checks, cur, ref).checks[0]!;
    expect(two.status).toBe('ok');
    expect(two.warn).toBe(0.025);
    expect(two.detail).toMatchObject({ tests: 2 });
    const none = run(checks, cur, ref, { correction: 'none' }).checks[0]!;
    expect(none.status).toBe('warn');
    expect(none.warn).toBe(0.05);
  });
});

describe('categorical series and missing values', () => {
  const ref = categorical('country', labels(4000, { us: 50, de: 30, fr: 20 }, 1));
  it.each<[string, CheckConfig, string[], Severity]>([
    [
      'chi2, same mix → ok',
      { series: 'country', statistic: 'chi2', alert: 1e-6 },
      labels(4000, { us: 50, de: 30, fr: 20 }, 2),
      'ok',
    ],
    [
      'chi2, new mix → alert',
      { series: 'country', statistic: 'chi2', alert: 1e-6 },
      labels(4000, { us: 20, de: 30, fr: 50 }, 2),
      'alert',
    ],
    [
      'psi, new mix → alert',
      { series: 'country', statistic: 'psi' },
      labels(4000, { us: 20, de: 30, fr: 50 }, 2),
      'alert',
    ],
    [
      'js, same mix → ok',
      { series: 'country', statistic: 'js' },
      labels(4000, { us: 50, de: 30, fr: 20 }, 2),
      'ok',
    ],
    [
      'psi, an unseen category goes to __other__ → alert',
      { series: 'country', statistic: 'psi' },
      labels(4000, { us: 25, de: 15, fr: 10, jp: 50 }, 2),
      'alert',
    ],
  ])('%s', (_label, check, cur, status) => {
    const c = run([check], [categorical('country', cur)], [ref]).checks[0]!;
    expect(c.status).toBe(status);
    expect(c.detail).toMatchObject({ test: 'chi2', categories: 4 });
  });

  it('missing_rate: a jump in NaNs alerts though every drift test ignores NaN', () => {
    const values = normals(4000, 2);
    for (let i = 0; i < values.length; i += 3) values[i] = NaN;
    const r = run(
      [
        { series: 'x', statistic: 'missing_rate' },
        { series: 'x', statistic: 'psi' },
      ],
      [series('x', values)],
      [num('x', 4000, 1)],
    );
    const [missing, psi] = r.checks as [CheckResult, CheckResult];
    expect(missing.status).toBe('alert');
    expect(missing.value).toBeCloseTo(1334 / 4000, 12);
    expect(missing.detail).toMatchObject({ missing_reference: 0, test: 'chi2' });
    expect(psi.status).toBe('ok');
    expect(psi.samples.current).toBe(4000 - 1334);
    expect(psi.detail).toMatchObject({ nan: 1334, inf: 0 });
  });
});

describe('bad input gives a defined result, never a NaN verdict', () => {
  const constant = (v: number, n = 2000) => new Float64Array(n).fill(v);
  const withJunk = () => {
    const v = normals(2000, 9);
    v[0] = NaN;
    v[1] = Infinity;
    v[2] = -Infinity;
    return v;
  };
  it.each<[string, string, Float64Array | string[], Float64Array | string[], Severity[]]>([
    ['NaN and ±Inf samples are ignored', 'psi', withJunk(), normals(2000, 1), ['ok']],
    ['same constant in both windows', 'psi', constant(3), constant(3), ['ok']],
    ['same constant: ks', 'ks', constant(3), constant(3), ['ok']],
    ['same constant: wasserstein_normed', 'wasserstein_normed', constant(3), constant(3), ['ok']],
    ['constant reference, moved current: psi', 'psi', constant(4), constant(3), ['alert']],
    [
      'constant reference, moved current: wasserstein_normed',
      'wasserstein_normed',
      constant(4),
      constant(3),
      ['alert'],
    ],
    ['constant reference, moved current: js', 'js', constant(4), constant(3), ['alert']],
    [
      'a single category on both sides: chi2',
      'chi2',
      Array(500).fill('a'),
      Array(500).fill('a'),
      ['ok'],
    ],
    [
      'a single category on both sides: psi',
      'psi',
      Array(500).fill('a'),
      Array(500).fill('a'),
      ['ok'],
    ],
    ['empty reference', 'psi', normals(2000, 1), new Float64Array(0), ['insufficient']],
    [
      'empty reference: missing_rate',
      'missing_rate',
      normals(2000, 1),
      new Float64Array(0),
      ['insufficient'],
    ],
    ['all-NaN current', 'ks', constant(NaN), normals(2000, 1), ['insufficient']],
    [
      'all-NaN current: missing_rate alerts',
      'missing_rate',
      constant(NaN),
      normals(2000, 1),
      ['alert'],
    ],
    [
      'all-Inf current',
      'wasserstein_normed',
      constant(Infinity),
      normals(2000, 1),
      ['insufficient'],
    ],
    ['empty both', 'js', new Float64Array(0), new Float64Array(0), ['insufficient']],
  ])('%s', (_label, statistic, cur, ref, allowed) => {
    const mk = (v: Float64Array | string[]) =>
      Array.isArray(v) ? categorical('x', v) : series('x', v);
    const r = run([{ series: 'x', statistic }], [mk(cur)], [mk(ref)]);
    const c = r.checks[0]!;
    expect(allowed).toContain(c.status);
    expect(c.value === null || !Number.isNaN(c.value)).toBe(true);
    for (const v of Object.values(c.detail ?? {})) expect(Number.isNaN(v)).toBe(false);
    expect(['ok', 'warn', 'alert', 'insufficient']).toContain(r.severity);
  });

  it.each<[string, CheckConfig, Series, RegExp]>([
    [
      'raw wasserstein needs thresholds',
      { series: 'x', statistic: 'wasserstein' },
      num('x', 10, 1),
      /gate\.checks\[0\]: wasserstein .* set "warn"/,
    ],
    [
      'ks on a categorical series',
      { series: 'x', statistic: 'ks' },
      categorical('x', ['a', 'b']),
      /gate\.checks\[0\]\.statistic: ks needs a numeric series/,
    ],
    [
      'location on a categorical series',
      { series: 'x', statistic: 'location' },
      categorical('x', ['a', 'b']),
      /gate\.checks\[0\]\.statistic: location needs a numeric series/,
    ],
    [
      'direction on a distribution check',
      { series: 'x', statistic: 'psi', direction: 'below' },
      num('x', 10, 1),
      /gate\.checks\[0\]\.direction/,
    ],
    [
      'persistence breaches > windows',
      { series: 'x', statistic: 'mean', alert: 1, persistence: { windows: 2, breaches: 3 } },
      num('x', 10, 1),
      /gate\.checks\[0\]\.persistence/,
    ],
  ])('config error: %s', (_label, check, s, message) => {
    expect(() => run([check], [s], [s])).toThrow(message);
  });

  it.each([2, 3, 10])(
    'a constant reference gets its own bin whatever the bin count (bins: %i)',
    (bins) => {
      const c = run(
        [{ series: 'x', statistic: 'psi', bins }],
        [series('x', new Float64Array(2000).fill(3))],
        [series('x', new Float64Array(2000).fill(4))],
      ).checks[0]!;
      expect(c.status).toBe('alert');
      expect(c.value).toBeGreaterThan(1);
    },
  );

  it('no reference window: distribution checks are insufficient, threshold checks still run', () => {
    const r = evaluateGate(
      gate([
        { series: 'x', statistic: 'psi' },
        { series: 'x', statistic: 'mean', alert: 5 },
      ]),
      input(metrics([num('x', 500, 1)])),
    );
    expect(r.checks.map((c) => c.status)).toEqual(['insufficient', 'alert']);
    expect(r.checks[0]!.note).toMatch(/no reference window/);
  });
});

describe('persistence and the dataset rule', () => {
  // 24 one-hour sub-windows of 60 samples; the metric drops only in the last 6 hours.
  const values = Array.from({ length: 24 * 60 }, (_, i) => (i >= 18 * 60 ? 0.5 : 0.9));
  const acc = series('acc', values);
  it.each<[string, { windows: number; breaches: number } | undefined, Severity]>([
    ['no persistence: the whole-window mean alerts', undefined, 'alert'],
    ['1 of 4 quarters breached, 1 needed → alert', { windows: 4, breaches: 1 }, 'alert'],
    ['1 of 4 quarters breached, 2 needed → ok', { windows: 4, breaches: 2 }, 'ok'],
    ['6 of 24 hours breached, 6 needed → alert', { windows: 24, breaches: 6 }, 'alert'],
    ['6 of 24 hours breached, 7 needed → ok', { windows: 24, breaches: 7 }, 'ok'],
  ])('%s', (_label, persistence, status) => {
    const check: CheckConfig = {
      series: 'acc',
      statistic: 'mean',
      alert: 0.85,
      min_samples: 30,
      ...(persistence ? { persistence } : {}),
    };
    const c = evaluateGate(gate([check]), input(metrics([acc]))).checks[0]!;
    expect(c.status).toBe(status);
    expect(c.value).toBeCloseTo(0.8, 12);
  });

  it('sub-windows too thin to reach k are insufficient', () => {
    const check: CheckConfig = {
      series: 'acc',
      statistic: 'mean',
      alert: 0.85,
      min_samples: 100,
      persistence: { windows: 24, breaches: 2 },
    };
    const c = evaluateGate(gate([check]), input(metrics([acc]))).checks[0]!;
    expect(c.status).toBe('insufficient');
  });

  it('persistence on a distribution check holds back a change confined to one slice', () => {
    const cur = Float64Array.from({ length: 24 * 200 }, (_, i) => (i >= 18 * 200 ? 3 : 0));
    const noise = normals(24 * 200, 5);
    for (let i = 0; i < cur.length; i++) cur[i] = (cur[i] as number) + (noise[i] as number);
    const cs = {
      ...series('x', cur),
      timestamps: Float64Array.from({ length: cur.length }, (_, i) => T0 + i * 18_000),
    };
    const ref = num('x', 5000, 6);
    const mk = (breaches: number): CheckConfig => ({
      series: 'x',
      statistic: 'psi',
      persistence: { windows: 4, breaches },
    });
    const [one, two] = evaluateGate(gate([mk(1), mk(2)]), input(metrics([cs], [ref]))).checks;
    expect(one!.status).toBe('alert');
    expect(two!.status).toBe('ok');
    expect(two!.detail!.persistence).toBe('held_back');
  });

  const four = (drifted: number) => {
    const names = ['a', 'b', 'c', 'd'];
    return {
      cur: names.map((n, i) => num(n, 3000, 10 + i, i < drifted ? 1 : 0)),
      ref: names.map((n, i) => num(n, 3000, 20 + i)),
      checks: names.map((n) => ({ series: n, statistic: 'psi' }) as CheckConfig),
    };
  };
  it.each<[string, number, Partial<GateConfig>, Severity, RegExp]>([
    ['default: any alerting series alerts', 1, {}, 'alert', /1 of 4 checks alert/],
    [
      'drift_share 0.5, 1 of 4 → warn',
      1,
      { drift_share: 0.5 },
      'warn',
      /1 of 4 tested series drifted \(25% < drift share 50%/,
    ],
    [
      'drift_share 0.5, 2 of 4 → alert',
      2,
      { drift_share: 0.5 },
      'alert',
      /2 of 4 tested series drifted \(50% ≥ drift share 50%\)/,
    ],
    [
      'critical series alerts alone',
      1,
      { critical_series: ['a'] },
      'alert',
      /critical series a drifted/,
    ],
    [
      'a non-critical series only warns',
      1,
      { critical_series: ['d'] },
      'warn',
      /1 of 4 tested series drifted/,
    ],
    ['nothing drifted', 0, { drift_share: 0.5 }, 'ok', /all 4 checks ok/],
  ])('%s', (_label, drifted, extra, severity, reason) => {
    const { cur, ref, checks } = four(drifted);
    const r = run(checks, cur, ref, extra);
    expect(r.severity).toBe(severity);
    expect(r.reasons[0]).toMatch(reason);
  });
});

describe('constant and near-constant references: tied deciles collapse into one bin [v, v⁺)', () => {
  const ln = Math.log;
  const E = 1e-4; // PSI's floor for empty bins
  it.each<[string, number[], number[], number]>([
    [
      'constant reference, current on both sides of it',
      Array<number>(2000).fill(0),
      [...Array<number>(1000).fill(-1), ...Array<number>(1000).fill(1)],
      // bins (−∞, 0), {0}, (0, ∞): ref 0, 1, 0; current ½, 0, ½
      2 * (0.5 - E) * ln(0.5 / E) + (E - 1) * ln(E / 1),
    ],
    [
      'near-constant reference (90 % zeros), current all ones',
      [...Array<number>(1800).fill(0), ...Array<number>(200).fill(1)],
      Array<number>(2000).fill(1),
      // deciles 0 ×8 and 0.1 → bins (−∞, 0), {0}, (0, 0.1), [0.1, ∞): ref 0, .9, 0, .1; cur 0, 0, 0, 1
      (E - 0.9) * ln(E / 0.9) + (1 - 0.1) * ln(1 / 0.1),
    ],
  ])('%s', (_name, ref, cur, expected) => {
    const check: CheckConfig = { series: 'x', statistic: 'psi', significance: false };
    const r = evaluateGate(gate([check]), input(metrics([series('x', cur)], [series('x', ref)])))
      .checks[0]!;
    expect(r.value).toBeCloseTo(expected, 10);
  });
});
