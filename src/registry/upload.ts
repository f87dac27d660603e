/**
 * Writing a version: the local files it is made of, their upload and check, the manifest that
 * makes it visible, and adopting the version when another attempt of the run completed it.
 */
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { mapLimit } from '../concurrency.js';
import type { PublishInput } from './api.js';
import type { RegistryCore } from './core.js';
import { json } from './core.js';
import { verifyStored } from './files.js';
import {
  checkRelativeName,
  extraFilePath,
  filesPrefix,
  manifestKey,
  modelFilePath,
} from './keys.js';
import type { Lease } from './lease.js';
import { verify } from './maintenance.js';
import { PreconditionFailed, type Manifest } from './types.js';
import { listFiles } from './walk.js';

/** Local files of the version: the model folder's files, then the extra files. */
export async function sources(
  r: RegistryCore,
  input: PublishInput,
): Promise<{ path: string; local: string }[]> {
  let listing;
  try {
    listing = await listFiles(input.modelDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError(
        `the model folder ${input.modelDir} does not exist: the notebook must write its model files under output_dir/model/`,
      );
    }
    throw e;
  }
  if (listing.files.length === 0) {
    throw new UserError(
      `the model folder ${input.modelDir} has no files: the notebook must write its model files under output_dir/model/`,
    );
  }
  if (listing.hidden.length > 0) {
    r.ctx.logger.warning(`not publishing hidden files: ${listing.hidden.join(', ')}`);
  }
  const out = listing.files.map((rel) => ({
    path: modelFilePath(rel),
    local: join(input.modelDir, rel),
  }));
  for (const extra of input.extraFiles) {
    const name = checkRelativeName(extra.name, 'extra file name');
    if (out.some((o) => o.path === extraFilePath(name))) {
      throw new Error(`two extra files are both named "${name}"`);
    }
    if ((await lstat(extra.path).catch(() => null))?.isSymbolicLink()) {
      throw new UserError(
        `${extra.path} is a symlink; only regular files are published (write ${name.replace(/^_run\//, '')} itself, not a link)`,
      );
    }
    out.push({ path: extraFilePath(name), local: extra.path });
  }
  return out;
}

export async function upload(
  r: RegistryCore,
  version: number,
  input: PublishInput,
  sources: { path: string; local: string }[],
  lease: Lease,
): Promise<Manifest> {
  // Under this claim's fence token, each key created only if absent: a writer that lost the
  // claim (stalled past its lease) writes into its own folder, never over the taker's files.
  const fence = lease.fence;
  const prefix = filesPrefix(r.model, version, fence);
  let done = 0;
  const files = await mapLimit(sources, r.options.fileConcurrency ?? 2, async (src) => {
    const key = prefix + src.path;
    lease.check();
    const put = await r.store.putFile(key, src.local, { ifNoneMatch: '*' });
    await verifyStored(r, key, put.size, put.sha256);
    r.step(`file:${done++}`);
    return { path: src.path, size: put.size, sha256: put.sha256 };
  });
  const manifest: Manifest = {
    schema: 1,
    model: r.model,
    version,
    createdAt: r.ctx.now().toISOString(),
    files,
    lineage: input.lineage,
    metrics: input.metrics,
    runKey: input.runKey,
    fence,
    promotion: {
      alias: input.moveAlias ? r.options.alias : null,
      ...(input.validatedAgainst ? { validatedAgainst: input.validatedAgainst } : {}),
    },
  };
  // Still the owner right before the version becomes visible. This narrows the window, the
  // manifest closes it: it names only files under this token, all written before it, and only
  // one manifest is ever created (If-None-Match); a stale writer's manifest that wins the race
  // is as complete as the taker's would be, and the taker adopts it (adoptVerified).
  await lease.renew();
  lease.check();
  try {
    await r.store.put(manifestKey(r.model, version), json(manifest), {
      ifNoneMatch: '*',
      contentType: 'application/json',
    });
  } catch (e) {
    if (!(e instanceof PreconditionFailed)) throw e;
    throw new CompletedByOther(version);
  }
  r.step('manifest');
  return manifest;
}

/**
 * Another attempt wrote the manifest while this one believed it held the claim (its lease
 * renewal was lost on the way, say). That version is taken only when it is this run's and
 * every file in the store matches the manifest's digests; otherwise this attempt fails.
 */
export async function adoptVerified(
  r: RegistryCore,
  version: number,
  runKey: string,
  cause: CompletedByOther,
): Promise<Manifest> {
  const theirs = await r.manifest(version);
  if (!theirs || theirs.runKey !== runKey || !(await verify(r, version)).ok) throw cause;
  r.ctx.logger.warning(
    `version ${version} was completed by another attempt of this run while this one held its claim; its files match its manifest, so this attempt completes that version instead of its own`,
  );
  return theirs;
}

/** The manifest of a version this attempt was writing appeared from another writer. */
export class CompletedByOther extends Error {
  constructor(readonly version: number) {
    super(
      `version ${version} was completed by another writer while this attempt held its claim; not adopting it`,
    );
    this.name = 'CompletedByOther';
  }
}
