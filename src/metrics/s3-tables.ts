/** The objects at an s3:// location (one key, or every table under a prefix) as tables to read. */
import type { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { UserError } from '../errors.js';
import { customS3Endpoint } from '../s3/client.js';
import type { MetricsConfig } from './config.js';
import type { TableInput } from './records.js';
import { parseS3Uri, s3ClientConfig, s3Error } from './s3.js';

const TABLE = /\.(csv|jsonl|ndjson|json)(\.gz)?$/i;

export function s3TableOpener(
  settings: Omit<NonNullable<MetricsConfig['s3']>, 'uri'> | undefined,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): { inputs: (uri: string, field: string) => Promise<TableInput[]>; close: () => void } {
  let client: S3Client | undefined;
  const s = { uri: 's3://unused', ...(settings ?? {}) };
  const endpoint = customS3Endpoint(s, env);
  const get = () => (client ??= new S3Client(s3ClientConfig(s, env)));
  return {
    close: () => client?.destroy(),
    async inputs(uri, field) {
      const { bucket, prefix } = parseS3Uri(uri);
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await get()
          .send(
            new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
            { abortSignal: signal },
          )
          .catch((e: unknown) => {
            throw s3Error(e, 'list', uri, bucket, endpoint);
          });
        for (const o of page.Contents ?? [])
          if (o.Key && o.Size && TABLE.test(o.Key)) keys.push(o.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      if (keys.length === 0)
        throw new UserError(
          `${field}: no .csv, .json or .jsonl objects (optionally .gz) at ${uri}${endpoint ? ` (${endpoint})` : ''}`,
        );
      keys.sort();
      return keys.map((key) => ({
        name: `s3://${bucket}/${key}`,
        open: async () => {
          const res = await get()
            .send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal })
            .catch((e: unknown) => {
              throw s3Error(e, 'get', `s3://${bucket}/${key}`, bucket, endpoint);
            });
          return res.Body as Readable;
        },
      }));
    },
  };
}
