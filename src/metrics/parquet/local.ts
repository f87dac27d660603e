import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { UserError } from '../../errors.js';
import { ByteCounter, FileBytes } from './bytes.js';
import type { ListedObject } from './objects.js';

export const PARQUET_NAME = /\.(parquet|parq|pq)$/i;

/**
 * The Parquet files in a folder and its subfolders (partition folders), in path order. Hidden
 * and underscore files (`_SUCCESS`, `.crc`, Spark's `_temporary/`) are not data.
 */
export async function listLocalParquet(
  root: string,
  shown: string,
  counter: ByteCounter,
): Promise<ListedObject[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const out: ListedObject[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const abs = join(e.parentPath, e.name);
    const rel = relative(root, abs).split(sep).join('/');
    if (rel.split('/').some((s) => s.startsWith('.') || s.startsWith('_'))) continue;
    if (!PARQUET_NAME.test(e.name)) continue;
    const size = (await stat(abs)).size;
    const name = `${shown.replace(/\/+$/, '')}/${rel}`;
    out.push({ relative: rel, size, open: () => new FileBytes(name, abs, size, counter) });
  }
  out.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  if (out.length === 0) {
    throw new UserError(
      `metrics.file.path: the folder "${shown}" holds no .parquet files (looked in its subfolders too); point metrics.file.path at a file, or at the folder of the prediction log's Parquet files`,
    );
  }
  return out;
}

export { ByteCounter };
