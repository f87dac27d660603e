import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, waitFor } from './ports.js';
import { pathWithVenv } from './python.js';

export interface MotoServer {
  endpoint: string;
  /** Drops every bucket and object (POST /moto-api/reset). */
  reset(): Promise<void>;
  stop(): Promise<void>;
  /** Environment for the SDK / AWS CLI pointing at this server with test credentials. */
  env: Record<string, string>;
}

/** Starts a real moto_server on a free loopback port. */
export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PATH: pathWithVenv() },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    await waitFor(async () => (await fetch(`${endpoint}/moto-api/`)).status < 500, 'moto_server');
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  return {
    endpoint,
    env: {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_S3: endpoint,
    },
    async reset() {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    },
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
