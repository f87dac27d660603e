/** S3 registry locations, apart from the store so that naming one does not load the AWS SDK. */
export interface S3Location {
  bucket: string;
  /** Key prefix without leading or trailing slash ('' for the bucket root). */
  prefix: string;
}

/** `s3://bucket/some/prefix/` → { bucket, prefix: 'some/prefix' }. */
export function parseS3Uri(uri: string): S3Location {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!m || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(m[1] as string)) {
    throw new Error(`"${uri}" is not an s3://bucket/prefix URI with a valid bucket name`);
  }
  return { bucket: m[1] as string, prefix: (m[2] as string).replace(/^\/+|\/+$/g, '') };
}
