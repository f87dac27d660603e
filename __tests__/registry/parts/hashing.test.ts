import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32Combine, PartChecksums, sha256Hex } from '../../../src/registry/hashing.js';

const b64 = (n: number): string => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b.toString('base64');
};

describe('checksums of a multipart upload', () => {
  it.each([
    { a: 0, b: 0 },
    { a: 1, b: 1 },
    { a: 5, b: 0 },
    { a: 0, b: 7 },
    { a: 1000, b: 4096 },
    { a: 65_537, b: 3 },
    { a: 3, b: 1_048_577 },
  ])('crc32Combine of $a and $b bytes equals the CRC32 of both', ({ a, b }) => {
    const A = randomBytes(a);
    const B = randomBytes(b);
    expect(crc32Combine(crc32(A), crc32(B), b)).toBe(crc32(Buffer.concat([A, B])));
  });

  it('shifts over lengths past 2^32 bits: one step over 2n bytes equals two over n', () => {
    // With a zero second CRC, combining only shifts the first over that many zero bits.
    const n = 600 * 1024 * 1024;
    const once = crc32Combine(123456, 0, 2 * n);
    const twice = crc32Combine(crc32Combine(123456, 0, n), 0, n);
    expect(once).toBe(twice);
  });

  it.each([{ parts: [5] }, { parts: [5, 5, 2] }, { parts: [1024, 1024, 1024, 1] }])(
    'PartChecksums of parts $parts: per part, composite, full and SHA-256',
    ({ parts }) => {
      const bufs = parts.map((n) => randomBytes(n));
      const sums = new PartChecksums();
      const sent = bufs.map((p) => sums.add(p));
      expect(sent).toEqual(bufs.map((p) => b64(crc32(p))));
      const whole = Buffer.concat(bufs);
      expect(sums.full()).toBe(b64(crc32(whole)));
      const composite = Buffer.concat(
        bufs.map((p) => {
          const b = Buffer.alloc(4);
          b.writeUInt32BE(crc32(p));
          return b;
        }),
      );
      expect(sums.composite()).toBe(b64(crc32(composite)));
      expect(sums.bytes).toBe(whole.length);
      expect(sums.digest()).toBe(sha256Hex(whole));
    },
  );
});
