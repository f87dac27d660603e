import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { matchesAny } from '../src/trigger/glob.js';
import { readTrigger } from '../src/trigger/read.js';
import { bestOf, type Bench, type BenchCase } from './harness.js';

const PATTERNS = [
  'notebooks/**',
  'src/features/**/*.py',
  '*.ipynb',
  '!notebooks/scratch/**',
  'requirements*.txt',
];

/** A monorepo-sized push: files at several depths, some of them training code. */
function changedFiles(n: number): string[] {
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    switch (i % 10) {
      case 0:
        files.push(`notebooks/exp${i % 13}/step${i}.py`);
        break;
      case 1:
        files.push(`notebooks/scratch/try${i}.ipynb`);
        break;
      case 2:
        files.push(`src/features/v${i % 3}/deep/er/f${i}.py`);
        break;
      case 3:
        files.push(`src/features/v${i % 3}/f${i}.ts`);
        break;
      case 4:
        files.push(`report${i}.ipynb`);
        break;
      default:
        files.push(`services/svc${i % 50}/pkg${i % 7}/mod${i}/file${i}.go`);
    }
  }
  return files;
}

/** Node ≥ 22's path.matchesGlob, with the same "later ! patterns exclude" rule, on Node 24. */
const PEER = `
const { matchesGlob } = require('node:path');
const { readFileSync } = require('node:fs');
const { files, patterns } = JSON.parse(readFileSync(process.argv[1], 'utf8'));
let best = Infinity, count = 0;
for (let r = 0; r < 3; r++) {
  const t0 = process.hrtime.bigint();
  count = 0;
  for (const f of files) {
    let sel = false;
    for (const p of patterns) {
      const neg = p.startsWith('!');
      if (neg === sel && matchesGlob(f, neg ? p.slice(1) : p)) sel = !neg;
    }
    if (sel) count++;
  }
  best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
}
process.stdout.write(JSON.stringify({ s: best, count }));
`;

export const benches: Bench[] = [
  {
    name: 'trigger-push-paths',
    sizes: [1_000, 10_000, 100_000],
    async run(size): Promise<BenchCase> {
      const files = changedFiles(Number(size));
      // 100 files per commit, as a large merge would list them.
      const commits = [];
      for (let i = 0; i < files.length; i += 100) {
        commits.push({ id: `c${i}`, added: [], removed: [], modified: files.slice(i, i + 100) });
      }
      const payload = { ref: 'refs/heads/main', after: 'f'.repeat(40), commits };
      let matched = 0;
      const ours = await bestOf(3, () => {
        const t = readTrigger('push', payload, { force: false }, { push_paths: PATTERNS });
        matched = t.matchedFiles?.length ?? 0;
      });
      let matchOnly = 0;
      const matchS = await bestOf(3, () => {
        matchOnly = files.filter((f) => matchesAny(f, PATTERNS)).length;
      });

      const node24 = resolve(import.meta.dirname, '..', '..', '.cache/node24/bin/node');
      const fallback = resolve(import.meta.dirname, '..', '.cache/node24/bin/node');
      const bin = existsSync(node24) ? node24 : fallback;
      if (!existsSync(bin)) {
        return { ours_s: ours, peer: null, peer_s: null, extra: { matched, match_only_s: matchS } };
      }
      const dir = mkdtempSync(join(tmpdir(), 'mra-bench-'));
      try {
        const input = join(dir, 'files.json');
        writeFileSync(input, JSON.stringify({ files, patterns: PATTERNS }));
        const res = spawnSync(bin, ['-e', PEER, input], { encoding: 'utf8' });
        if (res.status !== 0) throw new Error(res.stderr);
        const peer = JSON.parse(res.stdout) as { s: number; count: number };
        return {
          ours_s: ours,
          peer: 'node24 path.matchesGlob',
          peer_s: peer.s,
          extra: {
            matched,
            peer_matched: peer.count,
            agree: matched === peer.count && matchOnly === peer.count ? 'yes' : 'no',
            match_only_s: Math.round(matchS * 1e4) / 1e4,
          },
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
