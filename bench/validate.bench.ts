import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encodePredictions, parsePredictionsCsv } from '../src/validate/predictions.js';
import { scoreKernel } from '../src/validate/scores.js';
import {
  discordantPairs,
  mcnemarExact,
  pairedBootstrap,
  seededUint32,
  type PairedPredictions,
} from '../src/validate/significance.js';
import { bestOf, type Bench } from './harness.js';

const root = resolve(import.meta.dirname, '..', '..');

function python(): string {
  const venv = join(root, '.cache/venv/bin/python');
  return existsSync(venv) ? venv : 'python3';
}

/** Binary classification holdout: challenger right 86 %, champion 84 %, independent errors. */
function holdout(n: number): PairedPredictions {
  const next = seededUint32(42);
  const y = new Float64Array(n);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = next() & 1;
    y[i] = t;
    a[i] = next() / 4294967296 < 0.86 ? t : 1 - t;
    b[i] = next() / 4294967296 < 0.84 ? t : 1 - t;
  }
  return { yTrue: y, challenger: a, champion: b };
}

/** Writes the three columns as float64 files and runs `code` in the machine's Python; it prints seconds. */
function peerSeconds(data: PairedPredictions, code: string, args: Record<string, number>): number {
  const dir = mkdtempSync(join(tmpdir(), 'mra-bench-validate-'));
  for (const [name, arr] of Object.entries(data)) {
    writeFileSync(join(dir, `${name}.f64`), Buffer.from((arr as Float64Array).buffer));
  }
  const prelude = `import json, sys, time
import numpy as np
d = ${JSON.stringify(dir)}
y, a, b = (np.fromfile(f'{d}/{k}.f64') for k in ('yTrue', 'challenger', 'champion'))
args = ${JSON.stringify(args)}
`;
  const r = spawnSync(python(), ['-c', prelude + code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`peer failed: ${r.stderr}`);
  return Number(r.stdout.trim().split('\n').at(-1));
}

export const benches: Bench[] = [
  {
    // Discordant counts + exact p-value on n rows, vs numpy counting + scipy.stats.binomtest.
    name: 'validate-mcnemar',
    sizes: [100_000, 10_000_000],
    async run(size) {
      const data = holdout(Number(size));
      const ours = await bestOf(5, () => {
        const { challengerOnly, championOnly } = discordantPairs(data);
        return mcnemarExact(challengerOnly, championOnly);
      });
      const peer = peerSeconds(
        data,
        `from scipy.stats import binomtest
best = 1e9
for _ in range(5):
    t0 = time.perf_counter()
    ra, rb = a == y, b == y
    bb = int(np.count_nonzero(ra & ~rb)); cc = int(np.count_nonzero(rb & ~ra))
    binomtest(bb, bb + cc, 0.5).pvalue
    best = min(best, time.perf_counter() - t0)
print(best)`,
        {},
      );
      return { ours_s: ours, peer: 'numpy + scipy.stats.binomtest', peer_s: peer };
    },
  },
  {
    // 2000 paired resamples of the accuracy difference, vs the same loop in numpy.
    name: 'validate-bootstrap-accuracy',
    sizes: [10_000, 100_000],
    async run(size) {
      const data = holdout(Number(size));
      const kernel = scoreKernel('accuracy');
      if (!kernel) throw new Error('no accuracy kernel');
      const options = { resamples: 2000, seed: 1, level: 0.05 };
      const ours = await bestOf(3, () => pairedBootstrap(kernel, data, options));
      const peer = peerSeconds(
        data,
        `best = 1e9
n = len(y)
for _ in range(3):
    t0 = time.perf_counter()
    rng = np.random.default_rng(1)
    dd = (a == y).astype(float) - (b == y).astype(float)
    deltas = np.array([dd[rng.integers(0, n, n)].mean() for _ in range(args['B'])])
    np.percentile(deltas, [2.5, 97.5])
    best = min(best, time.perf_counter() - t0)
print(best)`,
        { B: options.resamples },
      );
      return { ours_s: ours, peer: 'numpy paired bootstrap loop', peer_s: peer };
    },
  },
  {
    // Macro F1 needs a confusion count per resample: 200 resamples vs scikit-learn's f1_score.
    name: 'validate-bootstrap-f1',
    sizes: [10_000, 100_000],
    async run(size) {
      const data = holdout(Number(size));
      const kernel = scoreKernel('f1_macro');
      if (!kernel) throw new Error('no f1_macro kernel');
      const options = { resamples: 200, seed: 1, level: 0.05 };
      const ours = await bestOf(3, () => pairedBootstrap(kernel, data, options));
      const peer = peerSeconds(
        data,
        `from sklearn.metrics import f1_score
n = len(y)
t0 = time.perf_counter()
rng = np.random.default_rng(1)
deltas = []
for _ in range(args['B']):
    i = rng.integers(0, n, n)
    deltas.append(f1_score(y[i], a[i], average='macro') - f1_score(y[i], b[i], average='macro'))
np.percentile(deltas, [2.5, 97.5])
print(time.perf_counter() - t0)`,
        { B: options.resamples },
      );
      return { ours_s: ours, peer: 'scikit-learn f1_score per resample', peer_s: peer };
    },
  },
  {
    // The whole read path of a predictions file with string labels: parse, encode, McNemar.
    name: 'validate-read-predictions',
    sizes: [100_000, 1_000_000],
    async run(size) {
      const n = Number(size);
      const data = holdout(n);
      const label = (x: number): string => (x ? 'positive' : 'negative');
      // Written in chunks so the bench's own strings do not dominate the peak RSS it reports.
      const file = join(mkdtempSync(join(tmpdir(), 'mra-bench-validate-')), 'predictions.csv');
      const fd = openSync(file, 'w');
      writeSync(fd, 'y_true,challenger,champion\n');
      for (let start = 0; start < n; start += 10_000) {
        let chunk = '';
        for (let i = start; i < Math.min(n, start + 10_000); i++) {
          chunk += `${label(data.yTrue[i] as number)},${label(data.challenger[i] as number)},${label(data.champion[i] as number)}\n`;
        }
        writeSync(fd, chunk);
      }
      closeSync(fd);
      globalThis.gc?.();
      const kernel = scoreKernel('accuracy');
      if (!kernel) throw new Error('no accuracy kernel');
      const ours = await bestOf(3, () => {
        const cols = parsePredictionsCsv(readFileSync(file, 'utf8'), 'predictions.csv');
        const { challengerOnly, championOnly } = discordantPairs(
          encodePredictions(cols, kernel, 'p'),
        );
        return mcnemarExact(challengerOnly, championOnly);
      });
      const peer = peerSeconds(
        data,
        `import csv
from scipy.stats import binomtest
best = 1e9
for _ in range(3):
    t0 = time.perf_counter()
    with open(${JSON.stringify(file)}, newline='') as f:
        r = csv.reader(f)
        next(r)
        yy, aa, bb = (np.array(c) for c in zip(*r))
    ra, rb = aa == yy, bb == yy
    x = int(np.count_nonzero(ra & ~rb)); z = int(np.count_nonzero(rb & ~ra))
    binomtest(x, x + z, 0.5).pvalue
    best = min(best, time.perf_counter() - t0)
print(best)`,
        {},
      );
      return { ours_s: ours, peer: 'python csv + numpy + scipy.stats.binomtest', peer_s: peer };
    },
  },
];
