import type { Readable } from 'node:stream';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { UserError } from '../errors.js';
import { customS3Endpoint, s3Addressing } from '../s3/client.js';
import type { Logger } from '../logger.js';
import type { BatchSink } from './batches.js';
import { parseDuration } from '../config/duration.js';
import type { MetricsConfig, SeriesConfig } from './config.js';
import type { Notes } from './notes.js';
import { ByteCounter } from './parquet/bytes.js';
import type { ListedObject } from './parquet/objects.js';
import { S3Bytes } from './parquet/s3-bytes.js';
import { assertColumnsExist, RowReader, type RowSink } from './rows.js';
import { ScannedSource } from './scanned.js';
import { isGzip, lines, readLines } from './table.js';
import type { MetricsSource, QueryDescription } from './types.js';

export interface S3Location {
  bucket: string;
  prefix: string;
}

export function parseS3Uri(uri: string): S3Location {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri.trim());
  if (!m || !m[1]) {
    throw new UserError(`metrics.s3.uri: "${uri}" is not an S3 URI; use s3://bucket/prefix/`);
  }
  return { bucket: m[1], prefix: m[2] ?? '' };
}

type S3Settings = NonNullable<MetricsConfig['s3']>;

/** Client settings: region from the config or AWS_REGION; path-style for custom endpoints. */
export function s3ClientConfig(s: S3Settings, env: NodeJS.ProcessEnv): S3ClientConfig {
  const { region, ...address } = s3Addressing(s, env);
  return {
    region: region ?? 'us-east-1',
    ...address,
    // Metrics objects carry no checksums we rely on; some S3-compatible stores trip the SDK's check.
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

type ObjectFormat = 'csv' | 'jsonl' | 'parquet';

/** Which objects under the prefix hold metrics: by extension, or every object when the format is set. */
export function metricsObjectFormat(
  key: string,
  configured: ObjectFormat | undefined,
): ObjectFormat | undefined {
  if (key.endsWith('/')) return undefined;
  const segments = key.split('/');
  // Spark's _SUCCESS and _temporary/, checksum and hidden files are not data.
  if (segments.some((s) => s.startsWith('_') || s.startsWith('.'))) return undefined;
  const lower = key.toLowerCase();
  if (/\.(parquet|parq|pq)$/.test(lower)) return 'parquet';
  const base = lower.replace(/\.gz$/, '');
  if (base.endsWith('.csv')) return 'csv';
  if (base.endsWith('.jsonl') || base.endsWith('.ndjson')) return 'jsonl';
  return configured;
}

interface Listed {
  key: string;
  format: ObjectFormat;
  size: number;
  etag?: string;
}

export interface S3SourceOptions {
  uri: string;
  format?: ObjectFormat;
  timestampColumn?: string;
  /** Parquet partitions this close to a window are read too. */
  partitionSlackMs?: number;
  /** Parquet footers and row groups fetched at once. */
  concurrency?: number;
  logger?: Pick<Logger, 'info'>;
  series: SeriesConfig[];
  client: S3Client;
  /** For messages: the endpoint when not AWS. */
  endpoint?: string;
  notes: Notes;
  signal?: AbortSignal;
}

/**
 * CSV or JSONL objects (gzip when the key ends .gz) under an S3 prefix, streamed line by line;
 * Parquet objects, read by byte ranges (footer, then the needed column chunks) and skipped
 * unread when their date partition lies outside the windows. An object is never held whole.
 */
export class S3Source extends ScannedSource implements MetricsSource {
  readonly kind = 's3';
  private readonly loc: S3Location;
  private keys: Promise<Listed[]> | undefined;

  constructor(private readonly opts: S3SourceOptions) {
    super(opts.series);
    this.loc = parseS3Uri(opts.uri);
  }

  describe(): QueryDescription[] {
    return this.opts.series.map((s) => ({
      series: s.name,
      query: `${this.opts.uri} [${s.column ?? s.name}]`,
    }));
  }

  async close(): Promise<void> {
    this.opts.client.destroy();
  }

  protected async scan(sink: RowSink): Promise<void> {
    this.keys ??= this.list();
    const all = await this.keys;
    const parquet = all.filter((o) => o.format === 'parquet');
    if (parquet.length > 0) await this.scanParquet(parquet, sink);
    const text = all.filter((o) => o.format !== 'parquet') as (Listed & {
      format: 'csv' | 'jsonl';
    })[];
    if (text.length === 0 && parquet.length > 0) return;
    const readers: RowReader[] = [];
    for (const { key, format } of text) {
      const file = `s3://${this.loc.bucket}/${key}`;
      const reader = new RowReader({
        series: this.opts.series,
        timestampColumn: this.opts.timestampColumn ?? 'timestamp',
        file,
        notes: this.opts.notes,
      });
      readers.push(reader);
      const res = await this.call('get', file, () =>
        this.opts.client.send(new GetObjectCommand({ Bucket: this.loc.bucket, Key: key }), {
          abortSignal: this.opts.signal,
        }),
      );
      const body = res.Body as Readable | undefined;
      if (!body) continue;
      try {
        await readLines(lines(body, isGzip(key)), format, reader, sink, file);
      } catch (e) {
        if (e instanceof UserError) throw e;
        throw new UserError(
          `${file}: cannot read the object (${(e as Error).message}); is it ${isGzip(key) ? 'really gzip' : format}?`,
        );
      } finally {
        body.destroy();
      }
    }
    assertColumnsExist(readers, this.opts.uri);
  }

  protected override async scanColumnar(sink: BatchSink): Promise<boolean> {
    this.keys ??= this.list();
    const all = await this.keys;
    if (all.length === 0 || all.some((o) => o.format !== 'parquet')) return false;
    await this.scanParquet(all, sink);
    return true;
  }

  private async scanParquet(objects: Listed[], sink: RowSink | BatchSink): Promise<void> {
    const counter = new ByteCounter();
    const prefix = this.loc.prefix;
    const listed: ListedObject[] = objects.map((o) => ({
      relative: o.key.startsWith(prefix) ? o.key.slice(prefix.length).replace(/^\/+/, '') : o.key,
      size: o.size,
      open: () =>
        new S3Bytes({
          client: this.opts.client,
          bucket: this.loc.bucket,
          key: o.key,
          size: o.size,
          ...(o.etag ? { etag: o.etag } : {}),
          counter,
          ...(this.opts.signal ? { signal: this.opts.signal } : {}),
          explain: (e, where) => s3Error(e, 'get', where, this.loc.bucket, this.opts.endpoint),
        }),
    }));
    await this.scanParquetObjects(listed, sink, counter, {
      where: this.opts.uri,
      timestampColumn: this.opts.timestampColumn ?? 'timestamp',
      slackMs: this.opts.partitionSlackMs,
      logger: this.opts.logger,
      notes: this.opts.notes,
      concurrency: this.opts.concurrency ?? 8,
    });
  }

  private async list(): Promise<Listed[]> {
    const out: Listed[] = [];
    const skipped: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.call('list', this.opts.uri, () =>
        this.opts.client.send(
          new ListObjectsV2Command({
            Bucket: this.loc.bucket,
            Prefix: this.loc.prefix,
            ContinuationToken: token,
          }),
          { abortSignal: this.opts.signal },
        ),
      );
      for (const o of page.Contents ?? []) {
        if (!o.Key || o.Size === 0) continue;
        const format = metricsObjectFormat(o.Key, this.opts.format);
        if (format) out.push({ key: o.Key, format, size: o.Size ?? 0, etag: o.ETag });
        else skipped.push(o.Key);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    out.sort((a, b) => a.key.localeCompare(b.key));
    if (out.length === 0) {
      this.opts.notes.warn(
        `metrics: no .parquet, .csv or .jsonl objects (optionally .gz) under ${this.opts.uri}${skipped.length ? ` (skipped ${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? '…' : ''}; set metrics.s3.format to read them)` : ''}`,
      );
    }
    return out;
  }

  private async call<T>(op: 'get' | 'list', where: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw s3Error(e, op, where, this.loc.bucket, this.opts.endpoint);
    }
  }
}

/** One clear message per S3 failure the user can fix. */
export function s3Error(
  err: unknown,
  op: 'get' | 'list',
  where: string,
  bucket: string,
  endpoint?: string,
): Error {
  const e = (err ?? {}) as {
    name?: string;
    Code?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const code = e.Code ?? e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  const msg = e.message ?? String(err);
  if (code === 'NoSuchBucket') {
    return new UserError(
      `metrics.s3.uri: bucket "${bucket}" does not exist${endpoint ? ` at ${endpoint}` : ''}; check the bucket name and metrics.s3.region/endpoint`,
    );
  }
  if (code === 'AccessDenied' || status === 403) {
    return new UserError(
      `metrics.s3.uri: access denied to ${where}; the credentials need ${op === 'list' ? 's3:ListBucket' : 's3:GetObject'} there`,
    );
  }
  if (
    ['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken'].includes(code)
  ) {
    return new UserError(
      `metrics.s3: S3 refused the AWS credentials (${code}); refresh them (e.g. aws-actions/configure-aws-credentials)`,
    );
  }
  if (code === 'CredentialsProviderError') {
    return new UserError(
      `metrics.s3: no AWS credentials found; configure them before this step (e.g. aws-actions/configure-aws-credentials, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)`,
    );
  }
  const net = e.code ?? (err as { cause?: { code?: string } })?.cause?.code ?? code;
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'].includes(net)) {
    return new UserError(
      `cannot reach S3 at ${endpoint ?? 'the AWS endpoint'}: is the URL right? (${net})`,
    );
  }
  return new Error(`S3 ${op} ${where} failed: ${code ? `${code}: ` : ''}${msg}`);
}

export function createS3Source(
  s: S3Settings,
  series: SeriesConfig[],
  notes: Notes,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
  logger?: Pick<Logger, 'info'>,
): S3Source {
  const cfg = s3ClientConfig(s, env);
  return new S3Source({
    uri: s.uri,
    format: s.format,
    timestampColumn: s.timestamp_column,
    ...(s.partition_slack !== undefined
      ? { partitionSlackMs: parseDuration(s.partition_slack, 'metrics.s3.partition_slack') }
      : {}),
    ...(logger ? { logger } : {}),
    series,
    client: new S3Client(cfg),
    endpoint: customS3Endpoint(s, env),
    notes,
    signal,
  });
}
