import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { Transform, type TransformCallback } from 'node:stream';

/** A pass-through stream that hashes (SHA-256) and counts the bytes flowing through it. */
export class HashingStream extends Transform {
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }

  /** Hex digest; call once the stream has ended. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

export const sha256Hex = (body: Buffer | string): string =>
  createHash('sha256').update(body).digest('hex');

/** S3 reports checksums base64-encoded; manifests keep hex. */
export const hexToBase64 = (hex: string): string => Buffer.from(hex, 'hex').toString('base64');
export const base64ToHex = (b64: string): string => Buffer.from(b64, 'base64').toString('hex');

/**
 * The checksums of a multipart upload, fed one part at a time in order: each part's CRC32 (sent
 * with the part, checked by S3), the composite S3 keeps (CRC32 of the parts' big-endian CRC32s),
 * the full-object CRC32 (combined from the parts', not computed over the bytes again) and the
 * whole file's SHA-256 for the manifest. One pass of each hash over the bytes, no copies.
 */
export class PartChecksums {
  private readonly hash: Hash = createHash('sha256');
  private readonly parts: number[] = [];
  private whole = 0;
  bytes = 0;

  /** Adds the next part; returns its CRC32 in base64, as S3 expects it. */
  add(part: Buffer): string {
    const crc = crc32(part);
    this.hash.update(part);
    this.whole = this.parts.length === 0 ? crc : crc32Combine(this.whole, crc, part.length);
    this.parts.push(crc);
    this.bytes += part.length;
    return u32Base64(crc);
  }

  /** Base64, as S3 reports it (without the -N part count). */
  composite(): string {
    const buf = Buffer.alloc(4 * this.parts.length);
    this.parts.forEach((p, i) => buf.writeUInt32BE(p >>> 0, 4 * i));
    return u32Base64(crc32(buf));
  }

  full(): string {
    return u32Base64(this.whole);
  }

  /** Hex SHA-256 of every byte added; call once, after the last part. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

function gf2Times(mat: Uint32Array, vec: number): number {
  let sum = 0;
  for (let i = 0; vec !== 0; i++, vec >>>= 1) if (vec & 1) sum ^= mat[i] as number;
  return sum >>> 0;
}

function gf2Square(square: Uint32Array, mat: Uint32Array): void {
  for (let n = 0; n < 32; n++) square[n] = gf2Times(mat, mat[n] as number);
}

/**
 * CRC32 of A followed by B from CRC32(A), CRC32(B) and B's length: zlib's crc32_combine (the
 * length's bits applied as powers of the one-zero-bit operator in GF(2)). Microseconds per call.
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB <= 0) return crcA >>> 0;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  odd[0] = 0xedb88320; // the CRC-32 polynomial, reflected
  for (let n = 1, row = 1; n < 32; n++, row *= 2) odd[n] = row;
  gf2Square(even, odd); // two zero bits
  gf2Square(odd, even); // four
  let crc = crcA >>> 0;
  let len = lengthB;
  for (;;) {
    gf2Square(even, odd); // one zero byte, then 2, 4, … (alternating between the tables)
    if (len % 2 === 1) crc = gf2Times(even, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
    gf2Square(odd, even);
    if (len % 2 === 1) crc = gf2Times(odd, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
  }
  return (crc ^ crcB) >>> 0;
}

function u32Base64(n: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b.toString('base64');
}
