/** The counting passes of sortF64 over its values, each over one chunk of them. */

/**
 * Passes over the values run in chunks of this many, each a call of a small function: V8
 * compiles a function after a few calls, while one loop over millions of values ran several
 * times slower on its first two calls (a gate evaluates once per job).
 */
export const CHUNK = 1 << 16;

/** mm = [min, max] updated with a[from, to). Math.min/max: branch-free; a NaN shows as NaN. */
export function minMax(a: Float64Array, from: number, to: number, mm: Float64Array): void {
  let min = mm[0] as number;
  let max = mm[1] as number;
  for (let i = from; i < to; i++) {
    const v = a[i] as number;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  mm[0] = min;
  mm[1] = max;
}

export function countLow(
  a: Float64Array,
  from: number,
  to: number,
  c: Int32Array,
  min: number,
  scale: number,
  mask: number,
) {
  for (let i = from; i < to; i++) c[((((a[i] as number) - min) * scale) | 0) & mask]++;
}

export function countBoth(
  a: Float64Array,
  from: number,
  to: number,
  lo: Int32Array,
  hi: Int32Array,
  min: number,
  scale: number,
  shift: number,
): void {
  const mask = (1 << shift) - 1;
  for (let i = from; i < to; i++) {
    const k = (((a[i] as number) - min) * scale) | 0;
    lo[k & mask]++;
    hi[k >>> shift]++;
  }
}

export function prefix(c: Int32Array): void {
  let sum = 0;
  for (let d = 0; d < c.length; d++) {
    const x = c[d] as number;
    c[d] = sum;
    sum += x;
  }
}

/** Moves each value to its digit's next slot: the digit is (key >>> shift) & mask. */
export function scatter(
  a: Float64Array,
  from: number,
  end: number,
  to: Float64Array,
  c: Int32Array,
  min: number,
  scale: number,
  digit: { shift: number; mask: number },
): void {
  const { shift, mask } = digit;
  for (let i = from; i < end; i++) {
    const v = a[i] as number;
    const d = ((((v - min) * scale) | 0) >>> shift) & mask;
    const j = c[d] as number;
    c[d] = j + 1;
    to[j] = v;
  }
}
