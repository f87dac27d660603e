/**
 * Ids of a prediction log as 53-bit keys, and an open-addressing map from key to row: two typed
 * arrays instead of millions of Map entries (a tenth of the memory at 10 million ids).
 */

const TWO32 = 4294967296;
/** Plain integer ids up to 15 digits are their own key; other ids are hashed above 2^52. */
const HASHED = 2 ** 52;

/** cyrb53 (public domain): a 53-bit hash of a string. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The key of an id. Integers (1234, "1234", "1234.0" is not one) map to themselves; any other
 * text to a hash in [2^52, 2^53). Two different text ids share a key with probability about
 * n²/2^53 (1 in 180 at 10 million ids, and then only that pair is mixed up).
 */
export function idKey(id: string | number): number {
  if (typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < HASHED) return id;
  const text = String(id).trim();
  if (text.length > 0 && text.length <= 15 && /^\d+$/.test(text)) return Number(text);
  return HASHED + (hash53(text) % HASHED);
}

export class KeyMap {
  private keys: Float64Array;
  private vals: Int32Array;
  private used: Uint8Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let cap = 1 << 4;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Float64Array(cap);
    this.vals = new Int32Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
  }

  private slot(key: number): number {
    const lo = key >>> 0;
    const hi = (key / TWO32) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    let i = h & this.mask;
    while (this.used[i] && this.keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  get(key: number): number | undefined {
    const i = this.slot(key);
    return this.used[i] ? this.vals[i] : undefined;
  }

  /** Sets key → value; returns the previous value, or undefined when the key is new. */
  set(key: number, value: number): number | undefined {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const i = this.slot(key);
    if (this.used[i]) {
      const prev = this.vals[i];
      this.vals[i] = value;
      return prev;
    }
    this.used[i] = 1;
    this.keys[i] = key;
    this.vals[i] = value;
    this.size++;
    return undefined;
  }

  private grow(): void {
    const { keys, vals, used } = this;
    const cap = keys.length * 2;
    this.keys = new Float64Array(cap);
    this.vals = new Int32Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < keys.length; i++) {
      if (!used[i]) continue;
      const j = this.slot(keys[i]!);
      this.used[j] = 1;
      this.keys[j] = keys[i]!;
      this.vals[j] = vals[i]!;
    }
  }
}

/** A growable typed column. */
export class Column<T extends Float64Array | Int32Array | Uint8Array> {
  data: T;
  length = 0;
  constructor(
    private readonly make: (n: number) => T,
    capacity = 1024,
  ) {
    this.data = make(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** Grows to `n` rows (filled with `fill`). */
  ensure(n: number, fill = 0): void {
    while (this.length < n) this.push(fill);
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

export const f64 = (n: number) => new Float64Array(n);
export const i32 = (n: number) => new Int32Array(n);
export const u8 = (n: number) => new Uint8Array(n);
