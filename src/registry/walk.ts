import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Files under dir as sorted `/`-separated relative paths; hidden names are returned apart. */
export async function listFiles(dir: string): Promise<{ files: string[]; hidden: string[] }> {
  const files: string[] = [];
  const hidden: string[] = [];
  const walk = async (abs: string, rel: string): Promise<void> => {
    for (const ent of await readdir(abs, { withFileTypes: true })) {
      const r = rel === '' ? ent.name : `${rel}/${ent.name}`;
      if (ent.name.startsWith('.')) hidden.push(r);
      else if (ent.isDirectory()) await walk(join(abs, ent.name), r);
      else if (ent.isFile()) files.push(r);
    }
  };
  await walk(dir, '');
  return { files: files.sort(), hidden };
}
