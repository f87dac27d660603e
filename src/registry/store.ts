import { isAbsolute, resolve } from 'node:path';
import { registryLocationProblem, type S3Settings } from './config.js';
import { LocalStore } from './local-store.js';
import { LazyS3Store } from './lazy-s3-store.js';
import { parseS3Uri } from './s3-location.js';
import type { ObjectStore } from './types.js';
import { UserError } from '../errors.js';

/** Opens the store a location names: `s3://bucket/prefix` or a local directory (relative to root). */
export function openStore(
  location: string,
  root: string,
  s3: Partial<S3Settings> | undefined,
  field = 'publish.registry',
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): ObjectStore {
  const problem = registryLocationProblem(location);
  if (problem) throw new UserError(`${field}: ${problem}`);
  if (location.startsWith('s3://')) {
    const named = (e: unknown) => new UserError(`${field}: ${(e as Error).message}`);
    try {
      return new LazyS3Store(parseS3Uri(location), s3, env, signal, named);
    } catch (e) {
      throw named(e);
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new UserError(
      `${field}: "${location}" is not supported; use s3://bucket/prefix or a local directory`,
    );
  }
  return new LocalStore(isAbsolute(location) ? location : resolve(root, location));
}
