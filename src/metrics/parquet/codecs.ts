import * as zlib from 'node:zlib';
import type { Compressors } from 'hyparquet';
import { compressors as bundled } from 'hyparquet-compressors';

type Decompress = (input: Uint8Array, outputLength: number) => Uint8Array;

const zstdNative = (zlib as unknown as { zstdDecompressSync?: (b: Uint8Array) => Buffer })
  .zstdDecompressSync;

const asBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * Decompressors by Parquet codec: Node's own zlib where it has the codec (gzip, brotli, and
 * zstd from Node 22.15), the pure-JavaScript ones of hyparquet-compressors otherwise (snappy,
 * LZ4, and zstd on Node 20). Nothing native is loaded, so the bundle runs on any runner.
 */
export const COMPRESSORS: Compressors = {
  ...bundled,
  GZIP: ((input) => asBytes(zlib.gunzipSync(input))) as Decompress,
  BROTLI: ((input) => asBytes(zlib.brotliDecompressSync(input))) as Decompress,
  ...(zstdNative ? { ZSTD: ((input) => asBytes(zstdNative(input))) as Decompress } : {}),
};
