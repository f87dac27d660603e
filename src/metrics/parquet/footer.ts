import { parquetMetadata, type FileMetaData } from 'hyparquet';
import { UserError } from '../../errors.js';
import type { ByteSource } from './bytes.js';
import { TIME_PARSERS } from './decode.js';

/** The first read from the end of an object: the footer of a log with tens of row groups fits. */
const TAIL_BYTES = 16 * 1024;
const MAGIC = 0x31524150; // "PAR1"
const ENCRYPTED = 0x45524150; // "PARE"

/**
 * Reads and parses the footer of one Parquet object with one or two range reads. A file that
 * is not Parquet, cut short or encrypted fails here with a message naming it.
 */
export async function readFooter(src: ByteSource): Promise<{
  metadata: FileMetaData;
  /** The last bytes of the object, as read: a small object is then read once. */
  tail: { start: number; bytes: Uint8Array };
}> {
  const name = src.name;
  if (src.size < 12) {
    throw new UserError(
      `${name}: not a Parquet file (${src.size} bytes; a Parquet file starts and ends with "PAR1")`,
      { file: name },
    );
  }
  const tailStart = Math.max(0, src.size - TAIL_BYTES);
  const tail = await src.read(tailStart, src.size);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const magic = view.getUint32(tail.byteLength - 4, true);
  if (magic === ENCRYPTED) {
    throw new UserError(
      `${name}: the file uses Parquet modular encryption, which is not supported; write the prediction log without encryption (S3 server-side encryption is fine)`,
      { file: name },
    );
  }
  if (magic !== MAGIC) {
    const head = tailStart === 0 ? tail.subarray(0, 4) : await src.read(0, 4);
    const isParquet = new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true) === MAGIC;
    throw new UserError(
      isParquet
        ? `${name}: the Parquet file is truncated or corrupt (it starts with "PAR1" but does not end with it; ${src.size} bytes); the writer may have been interrupted: re-export the file`
        : `${name}: not a Parquet file (it does not start or end with "PAR1"); metrics objects are read as Parquet when named .parquet or when the format is set to parquet`,
      { file: name },
    );
  }
  const metaLength = view.getUint32(tail.byteLength - 8, true);
  if (metaLength + 12 > src.size) {
    throw corrupt(
      name,
      `its footer claims ${metaLength} bytes of metadata in a ${src.size}-byte file`,
    );
  }
  let footer = tail;
  if (metaLength + 8 > tail.byteLength) {
    const start = src.size - metaLength - 8;
    const rest = await src.read(start, tailStart);
    footer = new Uint8Array(metaLength + 8);
    footer.set(rest);
    footer.set(tail, rest.byteLength);
  }
  try {
    const metadata = parquetMetadata(footer, { parsers: TIME_PARSERS, geoparquet: false });
    return { metadata, tail: { start: tailStart, bytes: tail } };
  } catch (e) {
    throw corrupt(name, (e as Error).message);
  }
}

export function corrupt(name: string, why: string): UserError {
  return new UserError(
    `${name}: the Parquet file is corrupt or truncated (${why}); re-export it, or remove it from the prefix`,
    { file: name },
  );
}
