import { describe, expect, it } from 'vitest';
import { BUCKET_MIN, sortF64 } from '../../src/gate/stats/sort-f64.js';
import { normals, specials } from './helpers.js';

/** Same values, same order, -0 before +0, NaN last: what Float64Array#sort returns. */
function expectSortedLikeNative(data: Float64Array, got: Float64Array): void {
  const want = Float64Array.from(data).sort();
  expect(got.length).toBe(want.length);
  let first = -1;
  for (let i = 0; i < got.length && first < 0; i++) if (!Object.is(got[i], want[i])) first = i;
  expect(first === -1 ? 'same' : `differs at ${first}: ${got[first]} vs ${want[first]}`).toBe(
    'same',
  );
}

const uniforms = (n: number, seed: number) =>
  normals(n, seed).map((x) => 0.5 + Math.atan(x) / Math.PI);
const map = (a: Float64Array, f: (x: number, i: number) => number) => a.map(f);

describe('sortF64 orders like Float64Array#sort', () => {
  const N = 100_000;
  it.each([
    ['normal, below the bucket threshold', normals(BUCKET_MIN - 1, 1)],
    ['normal, at the bucket threshold', normals(BUCKET_MIN, 2)],
    ['normal, just above it', normals(BUCKET_MIN + 1, 3)],
    ['normal', normals(N, 4)],
    ['uniform', uniforms(N, 5)],
    ['NaN, ±Inf, ±0, denormals, huge and tiny values', specials(70_000, 6)],
    ['the same, small', specials(5000, 7)],
    ['heavy ties', map(normals(N, 8), (x) => Math.round(x * 2))],
    [
      'ties of -0 and +0 with other values',
      map(normals(N, 9), (x, i) => (i % 3 ? Math.round(x) : -0)),
    ],
    ['all equal', new Float64Array(N).fill(-3.5)],
    ['all zeros of both signs', map(new Float64Array(N), (_, i) => (i % 5 ? 0 : -0))],
    ['all NaN', new Float64Array(N).fill(NaN)],
    ['only infinities', map(new Float64Array(N), (_, i) => (i % 2 ? Infinity : -Infinity))],
    ['one finite value among NaN', map(new Float64Array(N), (_, i) => (i === 77 ? 2 : NaN))],
    ['already sorted', Float64Array.from({ length: N }, (_, i) => i * 0.25 - 10)],
    ['reversed', Float64Array.from({ length: N }, (_, i) => -i)],
    ['Pareto tail', map(uniforms(N, 10), (u) => 1 / (1 - u + 1e-12))],
    ['lognormal, σ = 3', map(normals(N, 11), (x) => Math.exp(3 * x))],
    ['Cauchy', map(uniforms(N, 12), (u) => Math.tan(Math.PI * (u - 0.5)))],
    [
      'a far outlier over a narrow cluster',
      map(normals(N, 13), (x, i) => (i === 5 ? 1e12 : 1 + x * 1e-9)),
    ],
    [
      'nested clusters (2^-k), past the re-keying depth',
      map(uniforms(N, 14), (u) => 2 ** -Math.floor(u * 300)),
    ],
    ['the same, small', map(uniforms(20_000, 15), (u) => 2 ** -Math.floor(u * 300))],
    [
      'a range wider than a double (±1e308)',
      map(normals(N, 16), (x, i) => (i % 1000 ? x : x < 0 ? -1.7e308 : 1.7e308)),
    ],
    ['denormals only', map(uniforms(N, 17), (u) => Math.floor(u * 50) * Number.MIN_VALUE)],
    ['neighbouring doubles', map(uniforms(N, 18), (u) => 1 + Math.floor(u * 64) * 2 ** -52)],
  ])('%s', (_label, data) => {
    const before = Float64Array.from(data);
    expectSortedLikeNative(data, sortF64(data));
    let changed = 0; // the input is left as it was
    for (let i = 0; i < data.length; i++) if (!Object.is(data[i], before[i])) changed++;
    expect(changed).toBe(0);
  });

  it('uses a scratch array when it is large enough, and allocates when it is not', () => {
    const data = specials(50_000, 20);
    const scratch = new Float64Array(50_000);
    expectSortedLikeNative(data, sortF64(data, scratch));
    expectSortedLikeNative(data, sortF64(data, scratch)); // reused: leftovers do not matter
    expectSortedLikeNative(data, sortF64(data, new Float64Array(10)));
  });

  it('sorts a view into a larger buffer', () => {
    const all = normals(60_000, 21);
    const view = all.subarray(1001, 51_001);
    expectSortedLikeNative(view, sortF64(view));
  });
});
