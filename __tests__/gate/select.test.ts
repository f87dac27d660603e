import { describe, expect, it } from 'vitest';
import { radixSortF64 } from '../../src/gate/stats/radix.js';
import { selectInPlace } from '../../src/gate/stats/select.js';
import { normals, specials } from './helpers.js';

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
  it.each([
    ['radix path, specials', specials(70_000, 1)],
    ['radix path, heavy ties', normals(100_000, 2).map((x) => Math.round(x * 2))],
    ['radix path, constant', new Float64Array(70_000).fill(-3.5)],
    ['comparison path', specials(1000, 3)],
  ])('%s', (_label, data) => {
    const want = Float64Array.from(data).sort();
    const got = radixSortF64(data);
    expect(got.length).toBe(want.length);
    let same = true;
    for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[i])) same = false;
    expect(same).toBe(true);
  });
});
