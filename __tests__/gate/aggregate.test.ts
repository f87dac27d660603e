import { describe, expect, it } from 'vitest';
import { aggregate, isAggregate, type Aggregate } from '../../src/gate/aggregate.js';
import { quantileSorted } from '../../src/gate/stats/quantile.js';
import { sortFinite } from '../../src/gate/stats/clean.js';

const xs = [3, 1, 4, 1, 5, 9, 2, 6];

describe('aggregate', () => {
  it.each<[Aggregate, number[], number | null, number]>([
    ['mean', xs, 31 / 8, 8],
    ['sum', xs, 31, 8],
    ['min', xs, 1, 8],
    ['max', xs, 9, 8],
    ['count', xs, 8, 8],
    ['last', xs, 6, 8],
    ['median', xs, 3.5, 8],
    ['median', [5, 1, 3], 3, 3],
    // numpy.percentile([3,1,4,1,5,9,2,6], 90) == 6.8999999999999995
    ['p90', xs, 6.8999999999999995, 8],
    ['p0', xs, 1, 8],
    ['p100', xs, 9, 8],
    ['p50', [7], 7, 1],
    // NaN and ±Inf are left out of the value and counted apart
    ['mean', [1, NaN, 3, Infinity, -Infinity], 2, 2],
    ['max', [1, NaN, 3, Infinity], 3, 2],
    ['p50', [NaN, 2, Infinity, 4, -Infinity], 3, 2],
    ['count', [NaN, NaN], 0, 0],
    ['mean', [NaN, NaN], null, 0],
    ['p95', [], null, 0],
    ['last', [], null, 0],
  ])('%s of %j = %s', (stat, values, expected, samples) => {
    const r = aggregate(stat, Float64Array.from(values));
    expect(r.samples).toBe(samples);
    if (expected === null) expect(r.value).toBeNull();
    else expect(r.value).toBe(expected);
    expect(r.nan + r.inf + r.samples).toBe(values.length);
  });

  it('"last" follows timestamps, not array order', () => {
    const r = aggregate(
      'last',
      Float64Array.from([1, 2, 3, NaN]),
      Float64Array.from([30, 10, 20, 40]),
    );
    expect(r.value).toBe(1);
  });

  it.each([
    ['mean', true],
    ['p99.9', true],
    ['p5', true],
    ['pct_change', false],
    ['psi', false],
    ['avg', false],
  ])('isAggregate(%s) = %s', (s, ok) => expect(isAggregate(s)).toBe(ok));
});

describe('sortFinite', () => {
  it.each([
    [[3, NaN, -Infinity, 1, Infinity, 2], [1, 2, 3], 1, 2],
    [[NaN, NaN], [], 2, 0],
    [[Infinity, -Infinity], [], 0, 2],
    [[], [], 0, 0],
  ])('%j → finite %j, nan %i, inf %i', (values, finite, nan, inf) => {
    const c = sortFinite(Float64Array.from(values));
    expect([...c.sorted]).toEqual(finite);
    expect(c.nan).toBe(nan);
    expect(c.inf).toBe(inf);
    expect(c.total).toBe(values.length);
  });

  it('quantiles interpolate like numpy (type 7)', () => {
    const s = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // numpy.quantile(np.arange(1, 11), [0.1, 0.25, 0.333]) = [1.9, 3.25, 3.997]
    expect(quantileSorted(s, 0.1)).toBe(1.9);
    expect(quantileSorted(s, 0.25)).toBe(3.25);
    expect(quantileSorted(s, 0.333)).toBe(3.9970000000000003);
  });
});
