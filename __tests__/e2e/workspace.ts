import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/python.js';

/** A throwaway repository holding the example model, with a config written by the test. */
export function makeWorkspace(config: string, extra: Record<string, string> = {}): string {
  const ws = mkdtempSync(join(tmpdir(), 'mra-ws-'));
  cpSync(join(repoRoot, 'examples/reviews'), join(ws, 'examples/reviews'), {
    recursive: true,
    filter: (src) => !src.includes('__pycache__') && !src.includes('.ipynb_checkpoints'),
  });
  writeConfig(ws, config);
  for (const [path, text] of Object.entries(extra)) {
    mkdirSync(join(ws, path, '..'), { recursive: true });
    writeFileSync(join(ws, path), text);
  }
  return ws;
}

/** Writes (or replaces) the workspace's .github/model-retrain.yml. */
export function writeConfig(ws: string, config: string): void {
  mkdirSync(join(ws, '.github'), { recursive: true });
  writeFileSync(join(ws, '.github/model-retrain.yml'), config);
}

/** The example config, small and fast, with a local registry inside the workspace. */
export function exampleConfig(
  opts: {
    metrics?: 'healthy' | 'drifted';
    drift?: boolean;
    notebook?: string;
    /** validate.smoke.command; the example's own serving check unless given (null: none). */
    smoke?: string | null;
  } = {},
): string {
  const smoke =
    opts.smoke === undefined
      ? '"$PYTHON" examples/reviews/smoke.py examples/reviews/smoke-sample.csv'
      : opts.smoke;
  return `model:
  name: reviews
metrics:
  source: file
  series:
    - name: confidence
  windows:
    end: latest
    current: { duration: 1d }
    reference: { duration: 7d }
  file:
    path: examples/reviews/metrics/${opts.metrics ?? 'healthy'}.csv
gate:
  min_samples: 30
  checks:
    - name: mean confidence
      series: confidence
      statistic: mean
      direction: below
      warn: 0.8
      alert: 0.7
train:
  notebook: ${opts.notebook ?? 'examples/reviews/train.ipynb'}
  engine: nbclient
  timeout: 5m
  parameters:
    n_train: 600
    n_holdout: 300
    drift: ${opts.drift ? 'true' : 'false'}
validate:
  primary: accuracy
  metrics:
    accuracy: { direction: higher, floor: 0.6, min_change: 0 }
    f1_macro: { direction: higher, floor: 0.5 }
${smoke === null ? '' : `  smoke:\n    command: ${JSON.stringify(smoke)}\n    timeout: 2m\n`}publish:
  registry: registry
  alias: production
trigger:
  cooldown: 0
`;
}

/** Version numbers that have a manifest (i.e. exist) in the local registry. */
export function publishedVersions(ws: string, model = 'reviews'): number[] {
  const dir = join(ws, 'registry', model, 'versions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((v) => existsSync(join(dir, v, 'manifest.json')))
    .map(Number)
    .sort((a, b) => a - b);
}

export function readAlias(
  ws: string,
  alias = 'production',
  model = 'reviews',
): { version: number } | null {
  const p = join(ws, 'registry', model, 'aliases', `${alias}.json`);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as { version: number }) : null;
}
