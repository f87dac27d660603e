/**
 * One attempt of a run publishing a version in its own process. With STALL_AT set it stops
 * itself (SIGSTOP) right before that write, after every check that it still holds its claim has
 * passed: before the k-th file (file:<k>) or before the manifest (manifest). The parent lets the
 * lease run out, lets another attempt take the version over, then continues it (SIGCONT).
 * Input in env: PUBLISH_CONFIG (JSON), ROOT, MODEL, MODEL_DIR, RUN_KEY, ATTEMPT, LEASE_MS,
 * STALL_AT (optional). Prints the publication, or the error, as one JSON line.
 */
import type { PublishConfig } from '../../src/registry/config.js';
import { StoreRegistry } from '../../src/registry/registry.js';
import { openStore } from '../../src/registry/store.js';
import type { ObjectInfo, ObjectStore, PutOptions } from '../../src/registry/types.js';
import { testContext } from './helpers.js';

const env = process.env;
const config = JSON.parse(env.PUBLISH_CONFIG as string) as PublishConfig;
const root = env.ROOT as string;
const stallAt = env.STALL_AT ?? '';

/** The real store, stopping this process once before the named write. */
class StallingStore implements ObjectStore {
  private files = 0;
  private stalled = false;
  constructor(private readonly inner: ObjectStore) {}
  private maybeStall(at: string): void {
    if (this.stalled || at !== stallAt) return;
    this.stalled = true;
    process.stdout.write(`${JSON.stringify({ stalling: at })}\n`);
    process.kill(process.pid, 'SIGSTOP');
  }
  uri(key: string): string {
    return this.inner.uri(key);
  }
  get(key: string) {
    return this.inner.get(key);
  }
  put(key: string, body: Buffer | string, options?: PutOptions): Promise<ObjectInfo> {
    if (key.endsWith('/manifest.json')) this.maybeStall('manifest');
    return this.inner.put(key, body, options);
  }
  putFile(key: string, path: string, options?: PutOptions) {
    if (/\/versions\/\d+\/files/.test(key)) this.maybeStall(`file:${this.files++}`);
    return this.inner.putFile(key, path, options);
  }
  head(key: string) {
    return this.inner.head(key);
  }
  getToFile(key: string, path: string) {
    return this.inner.getToFile(key, path);
  }
  list(prefix: string) {
    return this.inner.list(prefix);
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
  close() {
    return this.inner.close();
  }
}

const ctx = testContext(root, env.RUN_KEY as string);
ctx.run.runAttempt = Number(env.ATTEMPT ?? 1);
const store = new StallingStore(openStore(config.registry, root, config.s3));
const registry = new StoreRegistry(store, env.MODEL as string, ctx, {
  alias: config.alias,
  fileConcurrency: 1,
  leaseMs: Number(env.LEASE_MS),
});
try {
  const pub = await registry.publish({
    modelDir: env.MODEL_DIR as string,
    extraFiles: [],
    metrics: { auc: 0.9 },
    lineage: { attempt: env.ATTEMPT },
    runKey: env.RUN_KEY as string,
    moveAlias: true,
  });
  process.stdout.write(`${JSON.stringify({ pub })}\n`);
} catch (e) {
  process.stdout.write(`${JSON.stringify({ error: String((e as Error).message ?? e) })}\n`);
} finally {
  await registry.close();
}
