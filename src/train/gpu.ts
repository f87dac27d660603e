import { execFile } from 'node:child_process';
import { UserError } from '../errors.js';

export interface GpuDevice {
  name: string;
  memoryMiB: number;
}

export const NVIDIA_SMI_ARGS = [
  '--query-gpu=name,memory.total',
  '--format=csv,noheader,nounits',
] as const;

/**
 * Parses `nvidia-smi --query-gpu=name,memory.total --format=csv,noheader,nounits`: one
 * "name, MiB" line per device. The memory is the last field, so a comma inside a name is kept.
 * Memory that the driver reports as "[N/A]" (some MIG and vGPU setups) becomes 0.
 */
export function parseNvidiaSmi(text: string): GpuDevice[] {
  const out: GpuDevice[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const comma = line.lastIndexOf(',');
    if (comma <= 0) continue;
    const name = line.slice(0, comma).trim();
    const mem = line.slice(comma + 1).trim();
    if (!name) continue;
    const memoryMiB = /^\d+(\.\d+)?$/.test(mem) ? Number(mem) : 0;
    out.push({ name, memoryMiB });
  }
  return out;
}

const NO_GPU =
  'train.gpu is true but no GPU is visible: run this job on a GPU runner (runs-on: [self-hosted, gpu]) or set train.gpu: false';

/** Fails before the notebook starts unless nvidia-smi lists at least one device. */
export async function gpuPreflight(
  env: NodeJS.ProcessEnv,
  command = 'nvidia-smi',
): Promise<GpuDevice[]> {
  const result = await new Promise<{ stdout: string; stderr: string; error: Error | null }>(
    (resolve) => {
      execFile(command, [...NVIDIA_SMI_ARGS], { env, timeout: 30_000 }, (error, stdout, stderr) =>
        resolve({ stdout: String(stdout), stderr: String(stderr), error }),
      );
    },
  );
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'nvidia-smi is not installed'
        : `nvidia-smi failed: ${(result.stderr || result.stdout || result.error.message).trim().split('\n')[0]}`;
    throw new UserError(`${NO_GPU} (${why})`);
  }
  const devices = parseNvidiaSmi(result.stdout);
  if (devices.length === 0) throw new UserError(`${NO_GPU} (nvidia-smi lists no device)`);
  return devices;
}
