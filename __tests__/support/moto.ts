import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { freePort, waitFor } from './ports.js';
import { pathWithVenv } from './python.js';

export interface MotoServer {
  endpoint: string;
  /** The server's process id (benchmarks read its CPU time from /proc). */
  pid: number;
  /** Drops every bucket and object (POST /moto-api/reset). */
  reset(): Promise<void>;
  stop(): Promise<void>;
  /** Environment for the SDK / AWS CLI pointing at this server with test credentials. */
  env: Record<string, string>;
}

/**
 * Starts a real moto_server on a free loopback port; `tls` serves HTTPS with a self-signed
 * certificate (clients must skip verification), as S3 itself is always reached over TLS.
 */
export async function startMoto(options: { tls?: boolean } = {}): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const args = ['-H', '127.0.0.1', '-p', String(port), ...(options.tls ? ['--ssl'] : [])];
  const child: ChildProcess = spawn('moto_server', args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PATH: pathWithVenv() },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    await waitFor(async () => (await status(`${endpoint}/moto-api/`)) < 500, 'moto_server');
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  return {
    endpoint,
    pid: child.pid ?? -1,
    env: {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_S3: endpoint,
    },
    async reset() {
      await status(`${endpoint}/moto-api/reset`, 'POST');
    },
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** HTTP status of a request; over HTTPS the server's self-signed certificate is accepted. */
async function status(url: string, method = 'GET'): Promise<number> {
  if (url.startsWith('http:')) return (await fetch(url, { method })).status;
  return new Promise((resolve, reject) => {
    httpsRequest(url, { method, rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}
