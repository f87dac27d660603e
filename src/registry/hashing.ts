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
 * A pass-through stream computing the CRC32s S3 keeps for a multipart upload cut into parts of
 * partSize bytes: the composite (CRC32 of the parts' big-endian CRC32s) and the full-object one.
 */
export class PartCrc32 extends Transform {
  private readonly parts: number[] = [];
  private part = 0;
  private inPart = 0;
  private whole = 0;

  constructor(private readonly partSize: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.whole = crc32(chunk, this.whole);
    let at = 0;
    while (at < chunk.length) {
      const take = Math.min(chunk.length - at, this.partSize - this.inPart);
      this.part = crc32(chunk.subarray(at, at + take), this.part);
      this.inPart += take;
      at += take;
      if (this.inPart === this.partSize) this.endPart();
    }
    done(null, chunk);
  }

  private endPart(): void {
    this.parts.push(this.part);
    this.part = 0;
    this.inPart = 0;
  }

  /** Base64, as S3 reports it (without the -N part count). Call once the stream has ended. */
  composite(): string {
    const parts = this.inPart > 0 ? [...this.parts, this.part] : this.parts;
    const buf = Buffer.alloc(4 * parts.length);
    parts.forEach((p, i) => buf.writeUInt32BE(p >>> 0, 4 * i));
    return u32Base64(crc32(buf));
  }

  full(): string {
    return u32Base64(this.whole);
  }
}

function u32Base64(n: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b.toString('base64');
}
