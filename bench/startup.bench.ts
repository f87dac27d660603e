import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Bench } from './harness.js';

const root = resolve(import.meta.dirname, '..', '..');

/** Seconds from spawning `node args` until a stdout line matches `ready` (then the child is killed). */
function timeToLine(args: string[], env: Record<string, string>, ready: RegExp): Promise<number> {
  return new Promise((resolveTime, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let buf = '';
    let done = false;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      if (!done && ready.test(buf)) {
        done = true;
        resolveTime(Number(process.hrtime.bigint() - t0) / 1e9);
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', () => {
      if (!done) reject(new Error(`child exited before printing ${ready}: ${buf.slice(-500)}`));
    });
  });
}

async function median(n: number, fn: () => Promise<number>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(await fn());
  xs.sort((a, b) => a - b);
  return xs[Math.floor(n / 2)] as number;
}

export const benches: Bench[] = [
  {
    // The bundle's cold start until it opens its first phase, next to a bare `node -e` start.
    name: 'startup',
    sizes: ['dist/index.js'],
    async run() {
      const ws = mkdtempSync(join(tmpdir(), 'mra-startup-'));
      const out = join(ws, 'out');
      writeFileSync(out, '');
      const env = {
        PATH: process.env.PATH ?? '',
        GITHUB_WORKSPACE: ws,
        GITHUB_OUTPUT: out,
        GITHUB_EVENT_NAME: 'schedule',
        INPUT_CONFIG: 'model-retrain.yml',
        INPUT_MODE: 'check',
      };
      const bundle = join(root, 'dist/index.js');
      const ours = await median(9, () => timeToLine([bundle], env, /::group::/));
      const peer = await median(9, () => timeToLine(['-e', 'console.log("ready")'], env, /ready/));
      return { ours_s: ours, peer: 'node -e (bare start)', peer_s: peer };
    },
  },
  {
    // The CLI people meet first (npx model-retrain-action --version / init), same peer.
    name: 'startup-cli',
    sizes: ['dist/cli/index.js --version'],
    async run() {
      const env = { PATH: process.env.PATH ?? '' };
      const cli = join(root, 'dist/cli/index.js');
      const ours = await median(9, () => timeToLine([cli, '--version'], env, /\d+\.\d+\.\d+/));
      const peer = await median(9, () => timeToLine(['-e', 'console.log("ready")'], env, /ready/));
      return { ours_s: ours, peer: 'node -e (bare start)', peer_s: peer };
    },
  },
];
