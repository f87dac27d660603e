import { describe, expect, it } from 'vitest';
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
