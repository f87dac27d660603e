import { describe, expect, it } from 'vitest';
import { radixSortF64 } from '../../src/gate/stats/radix.js';
import { selectInPlace } from '../../src/gate/stats/select.js';
import { normals } from './helpers.js';

describe('selectInPlace puts each target index where a sort would', () => {
  it.each([
    ['random', normals(5000, 1)],
    ['heavy ties', normals(5000, 2).map((x) => Math.round(x))],
    ['constant', new Float64Array(1000).fill(7)],
    ['sorted', Float64Array.from({ length: 3000 }, (_, i) => i)],
    ['reversed', Float64Array.from({ length: 3000 }, (_, i) => -i)],
    ['tiny', Float64Array.from([3, 1, 2])],
  ])('%s', (_label, data) => {
    const sorted = Float64Array.from(data).sort();
    const targets = [0, 1, data.length >> 2, data.length >> 1, data.length - 2, data.length - 1];
    const a = Float64Array.from(data);
    selectInPlace(a, targets);
    for (const t of targets) expect(a[t]).toBe(sorted[t]);
    expect(Float64Array.from(a).sort()).toEqual(sorted);
  });
});

describe('radixSortF64 orders like Float64Array#sort', () => {
  const special = (n: number, seed: number) => {
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
    // a NaN with its sign bit set must still sort last
    new Uint32Array(a.buffer)[2 * 19 + 1] = 0xfff80001;
    return a;
  };
  it.each([
    ['radix path, specials', special(70_000, 1)],
    ['radix path, heavy ties', normals(100_000, 2).map((x) => Math.round(x * 2))],
    ['radix path, constant', new Float64Array(70_000).fill(-3.5)],
    ['comparison path', special(1000, 3)],
  ])('%s', (_label, data) => {
    const want = Float64Array.from(data).sort();
    const got = radixSortF64(data);
    expect(got.length).toBe(want.length);
    let same = true;
    for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[i])) same = false;
    expect(same).toBe(true);
  });
});
