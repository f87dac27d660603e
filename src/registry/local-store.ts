/**
 * ObjectStore on a local directory, with the same conditional-write semantics as S3:
 * every write goes to a temp file in the target folder and is renamed (or hard-linked for
 * If-None-Match) into place, so readers never see a partial object.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type BigIntStats } from 'node:fs';
import {
  link,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HashingStream, sha256Hex } from './hashing.js';
import { checkRelativeName } from './keys.js';
import { PreconditionFailed, type ObjectInfo, type ObjectStore, type PutOptions } from './types.js';

export interface LocalStoreOptions {
  /** A lock older than this is considered abandoned by a crashed writer. */
  staleLockMs?: number;
  /** How long an If-Match write waits for a held lock before giving up. */
  lockWaitMs?: number;
}

/** ETag from inode, size and mtime: cheap, stable across reads, new on every write (rename). */
function etagOf(st: BigIntStats): string {
  return `"${sha256Hex(`${st.ino}:${st.size}:${st.mtimeNs}`).slice(0, 32)}"`;
}

const isCode = (e: unknown, code: string): boolean => (e as NodeJS.ErrnoException)?.code === code;

export class LocalStore implements ObjectStore {
  readonly root: string;
  private readonly staleLockMs: number;
  private readonly lockWaitMs: number;

  constructor(root: string, options: LocalStoreOptions = {}) {
    this.root = resolve(root);
    this.staleLockMs = options.staleLockMs ?? 30_000;
    this.lockWaitMs = options.lockWaitMs ?? 60_000;
  }

  uri(key: string): string {
    return key === '' ? this.root + sep : join(this.root, key);
  }

  private path(key: string): string {
    return join(this.root, checkRelativeName(key, 'object key'));
  }

  private tempPath(path: string): string {
    return join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  }

  async get(key: string): Promise<{ body: Buffer; etag: string } | null> {
    const path = this.path(key);
    let fh;
    try {
      fh = await open(path, 'r');
    } catch (e) {
      if (isCode(e, 'ENOENT')) return null;
      throw e;
    }
    try {
      // fstat and read the same inode, so the ETag always matches the body returned.
      const st = await fh.stat({ bigint: true });
      return { body: await fh.readFile(), etag: etagOf(st) };
    } finally {
      await fh.close();
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const st = await stat(this.path(key), { bigint: true });
      return { key, etag: etagOf(st), size: Number(st.size) };
    } catch (e) {
      if (isCode(e, 'ENOENT')) return null;
      throw e;
    }
  }

  async put(key: string, body: Buffer | string, options: PutOptions = {}): Promise<ObjectInfo> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = this.tempPath(path);
    const fh = await open(temp, 'wx');
    let st: BigIntStats;
    try {
      await fh.writeFile(body);
      await fh.sync();
      st = await fh.stat({ bigint: true });
    } finally {
      await fh.close();
    }
    await this.commit(key, path, temp, options);
    return { key, etag: etagOf(st), size: Number(st.size) };
  }

  async putFile(
    key: string,
    source: string,
    options: PutOptions = {},
  ): Promise<ObjectInfo & { sha256: string }> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = this.tempPath(path);
    const hasher = new HashingStream();
    const out = createWriteStream(temp, { flags: 'wx' });
    try {
      await pipeline(createReadStream(source, { highWaterMark: 1 << 20 }), hasher, out);
      const fh = await open(temp, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    const st = await stat(temp, { bigint: true });
    await this.commit(key, path, temp, options);
    const sha256 = hasher.digest();
    // Verified by its digest as stored, not by its size: re-read what the name now holds.
    const stored = new HashingStream();
    await pipeline(
      createReadStream(path, { highWaterMark: 1 << 20 }),
      stored,
      new PassThrough().resume(),
    );
    if (stored.bytes !== hasher.bytes || stored.digest() !== sha256) {
      throw new Error(
        `upload of ${this.uri(key)} did not verify: sent ${hasher.bytes} bytes sha256 ${sha256}, the store holds ${stored.bytes} bytes with another digest`,
      );
    }
    return { key, etag: etagOf(st), size: Number(st.size), sha256 };
  }

  /** Moves a finished temp file into place under the write's condition; removes it on failure. */
  private async commit(
    key: string,
    path: string,
    temp: string,
    options: PutOptions,
  ): Promise<void> {
    try {
      if (options.ifNoneMatch === '*') {
        // link() fails with EEXIST if the name exists: an atomic create-if-absent.
        try {
          await link(temp, path);
        } catch (e) {
          if (isCode(e, 'EEXIST')) throw new PreconditionFailed(key);
          throw e;
        }
        await unlink(temp);
      } else if (options.ifMatch !== undefined) {
        const expected = options.ifMatch;
        await this.withLock(path, async () => {
          const current = await this.head(key);
          if (!current || current.etag !== expected) throw new PreconditionFailed(key);
          await rename(temp, path);
        });
      } else {
        await rename(temp, path);
      }
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** Exclusive lock file `.name.lock` beside the object; broken when stale or its owner is dead. */
  private async withLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
    const lock = join(dirname(path), `.${path.slice(dirname(path).length + 1)}.lock`);
    const owner = JSON.stringify({ pid: process.pid, host: hostname() });
    const deadline = Date.now() + this.lockWaitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await writeFile(lock, owner, { flag: 'wx' });
        break;
      } catch (e) {
        if (!isCode(e, 'EEXIST')) throw e;
      }
      if (await this.lockIsStale(lock)) {
        await rm(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for lock ${lock}; remove it if no publisher is running`);
      }
      await new Promise((r) => setTimeout(r, Math.min(200, 5 * 2 ** attempt) * Math.random()));
    }
    try {
      return await fn();
    } finally {
      await rm(lock, { force: true });
    }
  }

  private async lockIsStale(lock: string): Promise<boolean> {
    try {
      const [text, st] = await Promise.all([readFile(lock, 'utf8'), stat(lock)]);
      if (Date.now() - st.mtimeMs > this.staleLockMs) return true;
      const holder = JSON.parse(text) as { pid?: number; host?: string };
      if (holder.host === hostname() && typeof holder.pid === 'number') {
        try {
          process.kill(holder.pid, 0);
        } catch (e) {
          return isCode(e, 'ESRCH');
        }
      }
      return false;
    } catch (e) {
      // Released (ENOENT) between our attempts, or caught mid-write (empty JSON): not stale.
      if (isCode(e, 'ENOENT') || e instanceof SyntaxError) return false;
      throw e;
    }
  }

  async getToFile(key: string, dest: string): Promise<{ size: number; sha256: string }> {
    await mkdir(dirname(resolve(dest)), { recursive: true });
    const temp = this.tempPath(resolve(dest));
    const hasher = new HashingStream();
    try {
      await pipeline(createReadStream(this.path(key)), hasher, createWriteStream(temp));
      await rename(temp, dest);
    } catch (e) {
      await rm(temp, { force: true });
      if (isCode(e, 'ENOENT')) throw new Error(`object not found: ${this.uri(key)}`);
      throw e;
    }
    return { size: hasher.bytes, sha256: hasher.digest() };
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    // Walk only the folder the prefix names; filter the rest by plain string prefix (S3 semantics).
    const slash = prefix.lastIndexOf('/');
    const base = slash >= 0 ? prefix.slice(0, slash) : '';
    const start = base === '' ? this.root : this.path(base);
    const out: ObjectInfo[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (e) {
        if (isCode(e, 'ENOENT') || isCode(e, 'ENOTDIR')) return;
        throw e;
      }
      for (const ent of entries) {
        if (ent.name.startsWith('.')) continue; // temp and lock files
        const full = join(dir, ent.name);
        const key = relative(this.root, full).split(sep).join('/');
        if (ent.isDirectory()) {
          if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) await walk(full);
        } else if (ent.isFile() && key.startsWith(prefix)) {
          try {
            const st = await stat(full, { bigint: true });
            out.push({ key, etag: etagOf(st), size: Number(st.size) });
          } catch (e) {
            if (!isCode(e, 'ENOENT')) throw e; // deleted while listing
          }
        }
      }
    };
    await walk(start);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async close(): Promise<void> {
    // nothing held open between calls
  }
}
