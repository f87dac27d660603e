import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { defaultSignificance } from '../../src/validate/config.js';
import { scoreKernel, type ScoreName } from '../../src/validate/scores.js';
import {
  binomialHalfCdf,
  binomialHalfPmf,
  bootstrapIndices,
  mcnemarExact,
  pairedBootstrap,
  quantileSorted,
  seededUint32,
  testSignificance,
  type PairedPredictions,
} from '../../src/validate/significance.js';
import { pythonBin } from '../support/python.js';

/** Runs a Python snippet with the machine's scipy/numpy/sklearn; stdin and stdout are JSON. */
function python<T>(code: string, input: unknown): T {
  const r = spawnSync(pythonBin(), ['-c', code], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** Synthetic paired predictions: the champion is right with probability pB, the challenger pA. */
function classification(
  n: number,
  k: number,
  pA: number,
  pB: number,
  seed: number,
): PairedPredictions {
  const next = seededUint32(seed);
  const u = (): number => next() / 4294967296;
  const yTrue = new Float64Array(n);
  const challenger = new Float64Array(n);
  const champion = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = Math.floor(u() * k);
    yTrue[i] = t;
    challenger[i] = u() < pA ? t : Math.floor(u() * k);
    champion[i] = u() < pB ? t : Math.floor(u() * k);
  }
  return { yTrue, challenger, champion };
}

function regression(n: number, noiseA: number, noiseB: number, seed: number): PairedPredictions {
  const next = seededUint32(seed);
  const gauss = (): number => {
    const a = (next() + 1) / 4294967297;
    const b = next() / 4294967296;
    return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * b);
  };
  const yTrue = new Float64Array(n);
  const challenger = new Float64Array(n);
  const champion = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = 10 + 3 * gauss();
    yTrue[i] = t;
    challenger[i] = t + noiseA * gauss();
    champion[i] = t + noiseB * gauss();
  }
  return { yTrue, challenger, champion };
}

describe('McNemar exact test agrees with scipy.stats.binomtest', () => {
  const pairs: [number, number][] = [
    [1, 0],
    [5, 5],
    [10, 2],
    [2, 10],
    [30, 10],
    [0, 20],
    [17, 9],
    [123, 200],
    [400, 350],
    [5000, 4800],
    [25000, 24000],
  ];
  const scipy = python<number[]>(
    `import json,sys
from scipy.stats import binomtest
pairs=json.load(sys.stdin)
print(json.dumps([binomtest(b, b+c, 0.5).pvalue for b,c in pairs]))`,
    pairs,
  );
  it.each(pairs.map((p, i) => [...p, scipy[i] as number]))('b=%i c=%i → p=%f', (b, c, expected) => {
    const p = mcnemarExact(b, c);
    expect(Math.abs(p - expected)).toBeLessThanOrEqual(1e-9 * Math.max(expected, 1e-300) + 1e-15);
  });

  const grid: [number, number][] = [
    [0, 1],
    [3, 7],
    [15, 40],
    [20, 40],
    [33, 40],
    [480, 1000],
    [499_000, 1_000_000],
    [1_300_000, 2_700_000],
    [2_000, 10_000],
  ];
  const binom = python<[number, number][]>(
    `import json,sys
from scipy.stats import binom
print(json.dumps([[float(binom.pmf(k, n, 0.5)), float(binom.cdf(k, n, 0.5))] for k,n in json.load(sys.stdin)]))`,
    grid,
  );
  it.each(grid.map((g, i) => [...g, ...(binom[i] as [number, number])]))(
    'binomial k=%i n=%i: pmf and cdf as scipy.stats.binom',
    (k, n, pmf, cdf) => {
      const rel = (x: number, y: number): number => (y === 0 ? Math.abs(x) : Math.abs(x - y) / y);
      expect(rel(binomialHalfPmf(k, n), pmf)).toBeLessThan(1e-10);
      expect(rel(binomialHalfCdf(k, n), cdf)).toBeLessThan(1e-10);
    },
  );

  it('no discordant pairs: p = 1', () => {
    expect(mcnemarExact(0, 0)).toBe(1);
  });

  it('binomial cdf edges', () => {
    expect(binomialHalfCdf(-1, 10)).toBe(0);
    expect(binomialHalfCdf(10, 10)).toBe(1);
    expect(binomialHalfCdf(0, 3)).toBeCloseTo(1 / 8, 15);
  });
});

describe('paired bootstrap agrees with numpy/scikit-learn on the same resample indices', () => {
  const n = 300;
  const B = 200;
  const seed = 7;
  const dir = mkdtempSync(join(tmpdir(), 'mra-boot-'));
  const idxFile = join(dir, 'idx.u32');
  writeFileSync(idxFile, Buffer.from(bootstrapIndices(n, B, seed).buffer));
  const cls = classification(n, 3, 0.8, 0.7, 11);
  const reg = regression(n, 1, 1.3, 12);
  const cases: [ScoreName, PairedPredictions][] = [
    ['accuracy', cls],
    ['error_rate', cls],
    ['f1_macro', cls],
    ['mae', reg],
    ['mse', reg],
    ['rmse', reg],
    ['r2', reg],
  ];
  const ref = python<
    Record<string, { full: [number, number]; deltas: number[]; ci: [number, number] }>
  >(
    `import json,sys
import numpy as np
from sklearn.metrics import accuracy_score, f1_score, mean_absolute_error, mean_squared_error, r2_score
inp=json.load(sys.stdin)
idx=np.fromfile(inp['idx'], dtype='<u4').reshape(inp['B'], inp['n'])
fns={
 'accuracy': accuracy_score,
 'error_rate': lambda y,p: 1-accuracy_score(y,p),
 'f1_macro': lambda y,p: f1_score(y,p,average='macro',zero_division=0),
 'mae': mean_absolute_error,
 'mse': mean_squared_error,
 'rmse': lambda y,p: float(np.sqrt(mean_squared_error(y,p))),
 'r2': r2_score,
}
out={}
for name,(y,a,b) in inp['cases'].items():
  y,a,b=np.array(y),np.array(a),np.array(b)
  f=fns[name]
  d=np.array([f(y[r],a[r])-f(y[r],b[r]) for r in idx])
  out[name]={'full':[f(y,a),f(y,b)],'deltas':d.tolist(),'ci':[float(np.percentile(d,2.5)),float(np.percentile(d,97.5))]}
print(json.dumps(out))`,
    {
      idx: idxFile,
      n,
      B,
      cases: Object.fromEntries(
        cases.map(([name, d]) => [
          name,
          [Array.from(d.yTrue), Array.from(d.challenger), Array.from(d.champion)],
        ]),
      ),
    },
  );

  it.each(cases)('%s', (name, data) => {
    const kernel = scoreKernel(name);
    if (!kernel) throw new Error(`no kernel ${name}`);
    const r = pairedBootstrap(kernel, data, { resamples: B, seed, level: 0.05 });
    const expected = ref[name];
    if (!expected) throw new Error(`no reference for ${name}`);
    expect(r.challenger).toBeCloseTo(expected.full[0], 10);
    expect(r.champion).toBeCloseTo(expected.full[1], 10);
    expect(r.deltas.length).toBe(B);
    let worst = 0;
    r.deltas.forEach(
      (d, i) => (worst = Math.max(worst, Math.abs(d - (expected.deltas[i] as number)))),
    );
    expect(worst).toBeLessThan(1e-9);
    expect(r.ciLow).toBeCloseTo(expected.ci[0], 9);
    expect(r.ciHigh).toBeCloseTo(expected.ci[1], 9);
  });
});

describe('bootstrap interval against scipy.stats.bootstrap (its own resamples, tolerance)', () => {
  it('accuracy difference: percentile interval close to scipy', () => {
    const data = classification(2000, 2, 0.85, 0.8, 3);
    const kernel = scoreKernel('accuracy');
    if (!kernel) throw new Error('no accuracy kernel');
    const r = pairedBootstrap(kernel, data, { resamples: 4000, seed: 5, level: 0.05 });
    const [lo, hi] = python<[number, number]>(
      `import json,sys
import numpy as np
from scipy.stats import bootstrap
y,a,b=(np.array(v) for v in json.load(sys.stdin))
d=(a==y).astype(float)-(b==y).astype(float)
res=bootstrap((d,), np.mean, n_resamples=4000, method='percentile', random_state=np.random.default_rng(5))
print(json.dumps([res.confidence_interval.low, res.confidence_interval.high]))`,
      [Array.from(data.yTrue), Array.from(data.challenger), Array.from(data.champion)],
    );
    // Different generators: the intervals agree to Monte Carlo error (~0.1 of the width).
    const width = hi - lo;
    expect(Math.abs(r.ciLow - lo)).toBeLessThan(0.1 * width);
    expect(Math.abs(r.ciHigh - hi)).toBeLessThan(0.1 * width);
  });
});

describe('bootstrap reproducibility and the significance decision', () => {
  const data = classification(500, 2, 0.9, 0.8, 21);
  const kernel = scoreKernel('accuracy');
  if (!kernel) throw new Error('no accuracy kernel');

  it('the same seed gives the same interval, another seed a different one', () => {
    const a = pairedBootstrap(kernel, data, { resamples: 500, seed: 1, level: 0.05 });
    const b = pairedBootstrap(kernel, data, { resamples: 500, seed: 1, level: 0.05 });
    const c = pairedBootstrap(kernel, data, { resamples: 500, seed: 2, level: 0.05 });
    expect([a.ciLow, a.ciHigh]).toEqual([b.ciLow, b.ciHigh]);
    expect([a.ciLow, a.ciHigh]).not.toEqual([c.ciLow, c.ciHigh]);
  });

  it('the pointwise shortcut equals the general path', () => {
    const general = { ...kernel, pointwise: undefined };
    const a = pairedBootstrap(kernel, data, { resamples: 300, seed: 9, level: 0.1 });
    const b = pairedBootstrap(general, data, { resamples: 300, seed: 9, level: 0.1 });
    a.deltas.forEach((d, i) => expect(d).toBeCloseTo(b.deltas[i] as number, 12));
  });

  it.each([
    // test, pA, pB, n, significant
    ['mcnemar', 0.9, 0.8, 500, true],
    ['mcnemar', 0.81, 0.8, 500, false],
    ['bootstrap', 0.9, 0.8, 500, true],
    ['bootstrap', 0.81, 0.8, 500, false],
    ['mcnemar', 0.7, 0.8, 500, false],
  ] as const)(
    '%s: challenger %f vs champion %f on %i rows → significant %s',
    (test, pA, pB, n, significant) => {
      const d = classification(n, 2, pA, pB, 99);
      const r = testSignificance({ ...defaultSignificance, test, required: true }, kernel, d);
      expect(r.significant).toBe(significant);
      expect(r.n).toBe(n);
      expect(r.p).toBeGreaterThan(0);
      expect(r.p).toBeLessThanOrEqual(1);
      if (significant) expect(r.p).toBeLessThan(0.05);
    },
  );

  it('lower-is-better metrics: a smaller error is the improvement', () => {
    const d = regression(400, 0.5, 1.5, 4);
    const rmse = scoreKernel('rmse');
    if (!rmse) throw new Error('no rmse kernel');
    const r = testSignificance({ ...defaultSignificance, test: 'bootstrap' }, rmse, d);
    expect(r.delta).toBeLessThan(0);
    expect(r.ciHigh).toBeLessThan(0);
    expect(r.better && r.significant).toBe(true);
    const back = testSignificance({ ...defaultSignificance, test: 'bootstrap' }, rmse, {
      yTrue: d.yTrue,
      challenger: d.champion,
      champion: d.challenger,
    });
    expect(back.better || back.significant).toBe(false);
  });

  it('McNemar on a regression metric is a user error pointing to bootstrap', () => {
    const rmse = scoreKernel('rmse');
    if (!rmse) throw new Error('no rmse kernel');
    expect(() =>
      testSignificance({ ...defaultSignificance, test: 'mcnemar' }, rmse, regression(10, 1, 1, 1)),
    ).toThrow(UserError);
  });

  it('quantiles interpolate like numpy', () => {
    const s = Float64Array.from([1, 2, 3, 4]);
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(4);
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    expect(quantileSorted(s, 0.25)).toBeCloseTo(1.75, 15);
  });
});
