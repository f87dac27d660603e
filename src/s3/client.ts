/**
 * Where an S3 client sends its requests, the same for the metrics source and the registry
 * store. Each builds its own client on top: region fallback, retries and checksums differ.
 */

/** The settings both config sections share. */
export interface S3Endpoint {
  region?: string;
  endpoint?: string;
  force_path_style?: boolean;
}

/** A non-AWS endpoint in use: the configured one, else the SDK's AWS_ENDPOINT_URL(_S3). */
export function customS3Endpoint(s: S3Endpoint, env: NodeJS.ProcessEnv): string | undefined {
  return s.endpoint ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
}

/**
 * Region: the configured one, else AWS_REGION / AWS_DEFAULT_REGION (undefined: the caller's
 * fallback). Only a configured endpoint is passed on, as the SDK reads the endpoint variables
 * itself. Credentials are left to the SDK's default chain.
 */
export function s3Addressing(
  s: S3Endpoint,
  env: NodeJS.ProcessEnv,
): { region: string | undefined; endpoint?: string; forcePathStyle: boolean } {
  return {
    region: s.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    // S3-compatible servers rarely have <bucket>.host DNS; AWS itself works either way.
    forcePathStyle: s.force_path_style ?? Boolean(customS3Endpoint(s, env)),
  };
}
