import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Names that cannot be published as they are: a backslash reads as a folder separator on Windows
 * and in some S3 tools (`x\..\..\evil.txt`), control characters break keys, logs and listings.
 */
const isOddName = (name: string): boolean =>
  name.includes('\\') || [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/**
 * Files under dir as sorted `/`-separated relative paths; hidden names are returned apart.
 * The published tree holds regular files only: a symlink (to a file or a folder, inside the folder
 * or not), a FIFO, a socket or a device anywhere under dir — or dir itself being a symlink — is
 * refused with its path, before any version is claimed. A link would publish whatever it points
 * at (`/etc/passwd`), and what it points at may change between hashing and upload.
 */
export async function listFiles(dir: string): Promise<{ files: string[]; hidden: string[] }> {
  const top = await lstat(dir);
  if (top.isSymbolicLink()) {
    throw new UserError(
      `the model folder ${dir} is a symlink (to ${await readlink(dir)}); the notebook must write the model files into output_dir/model/ itself, not link to them`,
    );
  }
  const files: string[] = [];
  const hidden: string[] = [];
  const walk = async (abs: string, rel: string): Promise<void> => {
    for (const ent of await readdir(abs, { withFileTypes: true })) {
      const r = rel === '' ? ent.name : `${rel}/${ent.name}`;
      if (ent.name.startsWith('.')) {
        hidden.push(r);
        continue;
      }
      if (isOddName(ent.name)) {
        throw new UserError(
          `the model folder holds a file named ${JSON.stringify(r)}: backslashes and control characters are not allowed in published names; rename it in the notebook`,
        );
      }
      if (ent.isSymbolicLink()) {
        const target = await readlink(join(abs, ent.name)).catch(() => '?');
        throw new UserError(
          `the model folder holds a symlink: ${r} -> ${target}; only regular files are published, so copy the file into output_dir/model/ instead of linking it`,
        );
      }
      if (ent.isDirectory()) await walk(join(abs, ent.name), r);
      else if (ent.isFile()) files.push(r);
      else {
        throw new UserError(
          `the model folder holds ${r}, which is not a regular file (a FIFO, socket or device); only regular files are published`,
        );
      }
    }
  };
  await walk(dir, '');
  return { files: files.sort(), hidden };
}
