/** The Triton copy: a version's model files in a Triton repository and the policy that serves the alias. */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { mapLimit } from '../concurrency.js';
import type { RegistryCore, TritonTarget } from './core.js';
import { jitter, MAX_CAS_ATTEMPTS, sleep } from './core.js';
import { fetchFiles, verifyOn } from './files.js';
import { aliasKey } from './keys.js';
import { minimalConfig, setVersionPolicy, specificVersions } from './triton.js';
import { PreconditionFailed, type AliasRecord, type Manifest } from './types.js';

/**
 * Copies the version's model files into `<repo>/<model>/<n>/`. Files already there with the
 * manifest's digest stay; the rest come from this run's folder when it wrote the version, else
 * from the registry (a resumed or concurrent attempt), and must hash to the manifest's digest.
 */
export async function copyToTriton(
  r: RegistryCore,
  manifest: Manifest,
  sources: { path: string; local: string }[],
): Promise<void> {
  const t = r.options.triton as TritonTarget;
  const local = new Map(sources.map((s) => [s.path, s.local]));
  const modelFiles = manifest.files.filter((f) => f.path.startsWith('model/'));
  await mapLimit(modelFiles, r.options.fileConcurrency ?? 2, async (f, i) => {
    const key = `${t.modelName}/${manifest.version}/${f.path.slice('model/'.length)}`;
    const there = await t.store.head(key);
    if (there && there.size === f.size && (there.sha256 ?? f.sha256) === f.sha256) return;
    let src = local.get(f.path);
    let scratch: string | undefined;
    if (!src) {
      scratch = await mkdtemp(join(r.ctx.workDir, 'triton-'));
      src = join(scratch, String(i));
      await fetchFiles(r, manifest, [f], () => src as string);
    }
    try {
      const put = await t.store.putFile(key, src);
      if (put.sha256 !== f.sha256) {
        throw new Error(
          `local ${src} differs from version ${manifest.version} as published (sha256 ${put.sha256} vs ${f.sha256})`,
        );
      }
      await verifyOn(t.store, key, put.size, put.sha256);
    } finally {
      if (scratch) await rm(scratch, { recursive: true, force: true });
    }
  });
}

/**
 * Makes config.pbtxt serve what the alias serves. Re-reads the alias after each write, so
 * when two publishers race, the last one to move the alias also leaves the policy matching it.
 */
export async function syncTriton(r: RegistryCore, alias: string): Promise<void> {
  const t = r.options.triton as TritonTarget;
  const key = `${t.modelName}/config.pbtxt`;
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    const rec = await r.readJson<AliasRecord>(aliasKey(r.model, alias));
    if (!rec) return;
    const want = rec.value.version;
    const cur = await t.store.get(key);
    const text = cur?.body.toString('utf8');
    const served = text === undefined ? null : specificVersions(text);
    if (served && served.length === 1 && served[0] === want) return;
    const next =
      text === undefined ? minimalConfig(t.modelName, want) : setVersionPolicy(text, [want]);
    try {
      await t.store.put(key, next, cur ? { ifMatch: cur.etag } : { ifNoneMatch: '*' });
      r.ctx.logger.info(`Triton ${t.store.uri(key)} now serves version ${want}`);
    } catch (e) {
      if (!(e instanceof PreconditionFailed)) throw e;
      await sleep(jitter(attempt));
    }
  }
}
