import { open, type FileHandle } from 'node:fs/promises';
import { UserError } from '../../errors.js';

/** Random access to one object's bytes (a local file, an S3 object by range). */
export interface ByteSource {
  /** Shown in messages: a repository path or an s3:// URI. */
  readonly name: string;
  readonly size: number;
  /** Bytes [start, end); exactly end - start of them. */
  read(start: number, end: number): Promise<Uint8Array>;
  close?(): Promise<void>;
}

/** Bytes fetched, across every object of one scan (the summary reports them). */
export class ByteCounter {
  bytes = 0;
  requests = 0;
}

/** A local file read by position; the file is opened once and closed with the source. */
export class FileBytes implements ByteSource {
  private handle: Promise<FileHandle> | undefined;

  constructor(
    readonly name: string,
    private readonly path: string,
    readonly size: number,
    private readonly counter: ByteCounter,
  ) {}

  async read(start: number, end: number): Promise<Uint8Array> {
    this.handle ??= open(this.path, 'r');
    const fh = await this.handle;
    const out = new Uint8Array(end - start);
    let got = 0;
    while (got < out.length) {
      const { bytesRead } = await fh.read(out, got, out.length - got, start + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    this.counter.bytes += got;
    this.counter.requests++;
    if (got < out.length) {
      throw new UserError(
        `${this.name}: the file ended at byte ${start + got} while reading bytes ${start}–${end}; it changed while being read, or is truncated`,
        { file: this.name },
      );
    }
    return out;
  }

  async close(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    if (h) await (await h).close();
  }
}
