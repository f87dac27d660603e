import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Secrets } from '../../src/config/types.js';
import type { StageContext } from '../../src/context.js';
import type { Logger } from '../../src/logger.js';

/** A StageContext with a pinned clock and a logger that keeps warnings for assertions. */
export function testContext(opts: { root?: string; now?: string; secrets?: Secrets } = {}): {
  ctx: StageContext;
  warnings: string[];
} {
  const warnings: string[] = [];
  const logger: Logger = {
    info: () => undefined,
    warning: (m) => void warnings.push(m),
    error: () => undefined,
    debug: () => undefined,
    group: (_n, fn) => fn(),
  };
  const root = opts.root ?? mkdtempSync(join(tmpdir(), 'mra-metrics-'));
  const now = new Date(opts.now ?? '2026-03-01T00:00:00Z');
  return {
    warnings,
    ctx: {
      logger,
      secrets: opts.secrets ?? {},
      run: {
        runId: 'test',
        runAttempt: 1,
        serverUrl: 'https://github.com',
        apiUrl: 'http://127.0.0.1:9',
      },
      root,
      workDir: root,
      reportDir: root,
      now: () => now,
      signal: new AbortController().signal,
    },
  };
}

/** Writes `files` into a fresh folder and returns it (a repository root for the file source). */
export function repoWith(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'mra-metrics-repo-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(root, name), body);
  return root;
}

export function arr(a: Float64Array): number[] {
  return Array.from(a);
}
