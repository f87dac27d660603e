import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from '../support/python.js';

/** The checkout, also when this file runs compiled under build/ (the benches). */
const source = existsSync(join(repoRoot, 'examples')) ? repoRoot : resolve(repoRoot, '..');

export interface FleetSpec {
  healthy: number;
  drifted: number;
  insufficient?: number;
  /** Healthy metrics under a stricter warn threshold (0.95): severity warn, decision warn. */
  warned?: number;
  /** Configs with an unknown key (gate.min_sampels) on line 15. */
  invalid?: number;
  /** gate.on_warn of every model: `issue` keeps a GitHub issue per warned model. */
  onWarn?: 'report' | 'issue';
  /** Runner labels per model index (train.runs_on); none by default. */
  runsOn?: (i: number) => string | string[] | undefined;
}

export interface Fleet {
  root: string;
  names: {
    healthy: string[];
    drifted: string[];
    warned: string[];
    insufficient: string[];
    invalid: string[];
  };
}

/**
 * A repository with one config per model under .github/models, metrics from files: healthy and
 * drifted share the example's CSVs (each check still reads and parses its own copy of the text),
 * insufficient ones read a CSV with 10 rows. The notebook is the tiny fleet-train fixture.
 */
export function makeFleet(
  spec: FleetSpec,
  root = mkdtempSync(join(tmpdir(), 'mra-fleet-')),
): Fleet {
  mkdirSync(join(root, '.github/models'), { recursive: true });
  mkdirSync(join(root, 'metrics'), { recursive: true });
  mkdirSync(join(root, 'notebooks'), { recursive: true });
  for (const kind of ['healthy', 'drifted'])
    copyFileSync(
      join(source, `examples/reviews/metrics/${kind}.csv`),
      join(root, `metrics/${kind}.csv`),
    );
  const rows = readFileSync(join(root, 'metrics/healthy.csv'), 'utf8').trimEnd().split('\n');
  writeFileSync(join(root, 'metrics/thin.csv'), [rows[0], ...rows.slice(-10)].join('\n') + '\n');
  copyFileSync(
    join(source, '__tests__/fixtures/notebooks/fleet-train.ipynb'),
    join(root, 'notebooks/train.ipynb'),
  );
  const names: Fleet['names'] = {
    healthy: [],
    drifted: [],
    warned: [],
    insufficient: [],
    invalid: [],
  };
  let i = 0;
  const add = (kind: keyof Fleet['names'], count: number, csv: string) => {
    for (let k = 0; k < count; k++, i++) {
      const name = `${kind}-${String(k).padStart(4, '0')}`;
      names[kind].push(name);
      writeFileSync(
        join(root, `.github/models/${name}.yml`),
        modelConfig(
          name,
          csv,
          spec.runsOn?.(i),
          kind === 'invalid',
          spec.onWarn,
          kind === 'warned',
        ),
      );
    }
  };
  add('healthy', spec.healthy, 'healthy');
  add('drifted', spec.drifted, 'drifted');
  add('warned', spec.warned ?? 0, 'healthy');
  add('insufficient', spec.insufficient ?? 0, 'thin');
  add('invalid', spec.invalid ?? 0, 'healthy');
  return { root, names };
}

export function modelConfig(
  name: string,
  csv: string,
  runsOn: string | string[] | undefined,
  invalid = false,
  onWarn: 'report' | 'issue' = 'report',
  strict = false,
): string {
  const labels = runsOn === undefined ? '' : `\n  runs_on: ${JSON.stringify(runsOn)}`;
  return `model:
  name: ${name}
metrics:
  source: file
  series:
    - name: confidence
  windows:
    end: latest
    current: { duration: 1d }
    reference: { duration: 7d }
  file:
    path: metrics/${csv}.csv
gate:
  on_warn: ${onWarn}
  ${invalid ? 'min_sampels' : 'min_samples'}: 30
  checks:
    - name: mean confidence
      series: confidence
      statistic: mean
      direction: below
      warn: ${strict ? 0.95 : 0.8}
      alert: ${strict ? 0.5 : 0.7}
train:
  notebook: notebooks/train.ipynb
  engine: nbclient
  timeout: 2m${labels}
validate:
  primary: accuracy
  metrics:
    accuracy: { direction: higher, floor: 0.5, min_change: 0 }
publish:
  registry: registry
  alias: production
trigger:
  cooldown: 0
`;
}
