import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { which } from '../../src/train/engine.js';
import { gpuPreflight } from '../../src/train/gpu.js';

const smi = which('nvidia-smi', process.env.PATH);

describe('GPU preflight (the real nvidia-smi, where there is one)', () => {
  it.runIf(smi)('lists the visible devices', async () => {
    const devices = await gpuPreflight(process.env);
    expect(devices.length).toBeGreaterThan(0);
    for (const d of devices) {
      expect(d.name).not.toBe('');
      expect(d.memoryMiB).toBeGreaterThan(0);
    }
  });

  it.runIf(!smi)('without nvidia-smi: a user error naming the setting and the fix', async () => {
    const e = await gpuPreflight(process.env).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toBe(
      'train.gpu is true but no GPU is visible: run this job on a GPU runner (runs-on: [self-hosted, gpu]) or set train.gpu: false (nvidia-smi is not installed)',
    );
  });

  it('an nvidia-smi that fails (driver not loaded) is the same user error', async () => {
    // `false` stands in for an nvidia-smi whose driver is missing: it exits 1 with no output.
    const e = await gpuPreflight(process.env, 'false').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toMatch(
      /^train\.gpu is true but no GPU is visible: .*\(nvidia-smi failed: /,
    );
  });
});
