import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishConfig } from '../../src/registry/config.js';
import { openRegistry } from '../../src/registry/index.js';
import { openStore } from '../../src/registry/store.js';
import { specificVersions } from '../../src/registry/triton.js';
import {
  modelFolder,
  publishInput,
  tempDir,
  testContext,
  type Backend,
  backends,
} from './helpers.js';

describe.each(backends)('Triton model repository on %s', (_name, make) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await make();
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('writes numeric version folders and switches the version policy with the alias', async () => {
    const base = await backend.fresh();
    const root = await tempDir('triton-');
    const repository = base.registry.startsWith('s3://')
      ? base.registry.replace(/\/registry$/, '/triton')
      : join(root, 'triton-repo');
    const config: PublishConfig = {
      ...base,
      layout: 'triton',
      triton: { repository, model_name: 'churn_onnx' },
    };
    const repo = openStore(repository, root, config.s3);
    const registry = openRegistry(config, 'churn', testContext(root));
    const served = async (): Promise<number[] | null> =>
      specificVersions((await repo.get('churn_onnx/config.pbtxt'))!.body.toString());
    try {
      // An existing config (written by the user) keeps everything but its policy.
      await repo.put(
        'churn_onnx/config.pbtxt',
        'name: "churn_onnx"\nplatform: "onnxruntime_onnx"\nmax_batch_size: 8\n',
      );
      const dir = (i: number): Promise<string> =>
        modelFolder(join(root, `m${i}`), { 'model.onnx': `weights-${i}` });
      await registry.publish(publishInput(await dir(1), 'r1'));
      expect(await served()).toEqual([1]);
      await registry.publish(publishInput(await dir(2), 'r2'));
      expect(await served()).toEqual([2]);
      await registry.publish(publishInput(await dir(3), 'r3', { moveAlias: false }));
      expect(await served()).toEqual([2]);
      expect((await repo.list('churn_onnx/')).map((o) => o.key)).toEqual([
        'churn_onnx/1/model.onnx',
        'churn_onnx/2/model.onnx',
        'churn_onnx/3/model.onnx',
        'churn_onnx/config.pbtxt',
      ]);
      expect((await repo.get('churn_onnx/3/model.onnx'))?.body.toString()).toBe('weights-3');
      await registry.rollback(undefined, { runId: 'rb' });
      expect(await served()).toEqual([1]);
      const text = (await repo.get('churn_onnx/config.pbtxt'))!.body.toString();
      expect(text).toBe(
        'name: "churn_onnx"\nplatform: "onnxruntime_onnx"\nmax_batch_size: 8\nversion_policy: { specific: { versions: [1] } }\n',
      );
    } finally {
      await registry.close();
      await repo.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
