import { createHash, type Hash } from 'node:crypto';
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
