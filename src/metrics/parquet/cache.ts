import type { AsyncBuffer } from 'hyparquet';

interface ByteRange {
  startByte: number;
  endByte: number;
}
import type { ByteSource } from './bytes.js';

/**
 * The byte ranges of one row group, fetched ahead of decoding and then served to the decoder
 * from memory: a row group decoded in several slices is fetched once.
 */
export class PrefetchedRanges implements AsyncBuffer {
  readonly byteLength: number;
  private readonly parts: { start: number; end: number; bytes: Uint8Array }[] = [];

  private constructor(private readonly src: ByteSource) {
    this.byteLength = src.size;
  }

  static async fetch(src: ByteSource, ranges: ByteRange[]): Promise<PrefetchedRanges> {
    const out = new PrefetchedRanges(src);
    const got = await Promise.all(ranges.map((r) => src.read(r.startByte, r.endByte)));
    ranges.forEach((r, i) =>
      out.parts.push({ start: r.startByte, end: r.endByte, bytes: got[i] as Uint8Array }),
    );
    return out;
  }

  get bytes(): number {
    return this.parts.reduce((n, p) => n + p.bytes.byteLength, 0);
  }

  slice(start: number, end: number = this.byteLength): ArrayBuffer | Promise<ArrayBuffer> {
    const p = this.parts.find((x) => x.start <= start && end <= x.end);
    if (!p) return this.src.read(start, end).then(toArrayBuffer);
    return toArrayBuffer(p.bytes.subarray(start - p.start, end - p.start));
  }
}

function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength) return b.buffer as ArrayBuffer;
  return b.slice().buffer;
}
