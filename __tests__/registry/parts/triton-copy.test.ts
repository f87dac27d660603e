import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../src/registry/local-store.js';
import { aliasKey } from '../../../src/registry/keys.js';
import { copyToTriton, syncTriton } from '../../../src/registry/triton-copy.js';
import { tempDir } from '../helpers.js';
import { localCore, seedVersion } from './setup.js';
import { rm } from 'node:fs/promises';

async function tritonCore() {
  const dir = await tempDir('triton-part-');
  const tStore = new LocalStore(dir);
  const made = await localCore({ triton: { store: tStore, modelName: 'churn' } });
  return {
    ...made,
    tStore,
    done: async () => (await made.done(), await rm(dir, { recursive: true, force: true })),
  };
}

describe('the Triton copy', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((f) => f()));
  });

  it.each([
    {
      name: 'no config yet: a minimal one serving the alias',
      config: null,
      want: /version_policy: \{ specific: \{ versions: \[2\] \} \}/,
    },
    {
      name: 'a config serving another version',
      config:
        'name: "churn"\nbackend: "onnxruntime"\nversion_policy: { specific: { versions: [1] } }\n',
      want: /backend: "onnxruntime"[\s\S]*versions: \[2\]/,
    },
  ])('syncTriton: $name', async ({ config, want }) => {
    const { core, tStore, done } = await tritonCore();
    cleanup.push(done);
    await core.store.put(aliasKey('m', 'production'), JSON.stringify({ version: 2 }));
    if (config) await tStore.put('churn/config.pbtxt', config);
    await syncTriton(core, 'production');
    expect((await tStore.get('churn/config.pbtxt'))!.body.toString()).toMatch(want);
  });

  it.each([
    { name: 'from the registry (a resumed attempt)', there: null, local: false },
    { name: "from this run's own files", there: null, local: true },
    { name: 'a damaged copy already there is replaced', there: 'xx', local: false },
  ])('copyToTriton: $name', async ({ there, local }) => {
    const { core, tStore, root, done } = await tritonCore();
    cleanup.push(done);
    const manifest = await seedVersion(core, 4, {
      'model/model.onnx': 'onnx!',
      'extra/m.json': '{}',
    });
    if (there) await tStore.put('churn/4/model.onnx', there);
    const sources = [];
    if (local) {
      await (await import('node:fs/promises')).writeFile(join(root, 'model.onnx'), 'onnx!');
      sources.push({ path: 'model/model.onnx', local: join(root, 'model.onnx') });
    }
    await copyToTriton(core, manifest, sources);
    expect((await tStore.get('churn/4/model.onnx'))!.body.toString()).toBe('onnx!');
    expect(await tStore.head('churn/4/m.json')).toBeNull();
  });
});
