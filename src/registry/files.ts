/** A version's files in the store: fetching them against the manifest, checking they are there. */
import { mapLimit } from '../concurrency.js';
import type { RegistryCore } from './core.js';
import { filesPrefix } from './keys.js';
import type { Manifest, ManifestFile, ObjectStore } from './types.js';

/**
 * Downloads files and checks each one's size and SHA-256 against the manifest; a download
 * that does not match is tried again (a body damaged on the way) before it counts.
 */
export async function fetchFiles(
  r: RegistryCore,
  manifest: Manifest,
  files: ManifestFile[],
  dest: (f: ManifestFile) => string,
): Promise<void> {
  await mapLimit(files, r.options.fileConcurrency ?? 4, async (f) => {
    const key = filesPrefix(r.model, manifest.version, manifest.fence) + f.path;
    let got = await r.store.getToFile(key, dest(f));
    for (let i = 0; i < 2 && (got.size !== f.size || got.sha256 !== f.sha256); i++) {
      got = await r.store.getToFile(key, dest(f));
    }
    if (got.size !== f.size || got.sha256 !== f.sha256) {
      throw new Error(
        `checksum mismatch for ${r.store.uri(key)}: manifest says ${f.size} bytes sha256 ${f.sha256}, downloaded ${got.size} bytes sha256 ${got.sha256}`,
      );
    }
  });
}

/** Checks what the store holds against what was streamed up: size and SHA-256 where the store reports one. */
export async function verifyStored(
  r: RegistryCore,
  key: string,
  size: number,
  sha256: string,
): Promise<void> {
  const head = await r.store.head(key);
  if (!head) throw new Error(`uploaded ${r.store.uri(key)} but the store does not have it`);
  if (head.size !== size || (head.sha256 !== undefined && head.sha256 !== sha256)) {
    throw new Error(
      `upload of ${r.store.uri(key)} did not verify: sent ${size} bytes sha256 ${sha256}, store has ${head.size} bytes${head.sha256 ? ` sha256 ${head.sha256}` : ''}`,
    );
  }
}

/** A rollback target must still be complete: every manifest file present with its size. */
export async function checkFilesPresent(r: RegistryCore, manifest: Manifest): Promise<void> {
  await mapLimit(manifest.files, 8, async (f) => {
    const key = filesPrefix(r.model, manifest.version, manifest.fence) + f.path;
    const head = await r.store.head(key);
    if (!head || head.size !== f.size) {
      throw new Error(
        `version ${manifest.version} is incomplete: ${r.store.uri(key)} is ${head ? `${head.size} bytes, manifest says ${f.size}` : 'missing'}`,
      );
    }
  });
}

export async function verifyOn(
  store: ObjectStore,
  key: string,
  size: number,
  sha256: string,
): Promise<void> {
  const head = await store.head(key);
  if (!head || head.size !== size || (head.sha256 !== undefined && head.sha256 !== sha256)) {
    throw new Error(`upload of ${store.uri(key)} did not verify (size or SHA-256 differs)`);
  }
}
