import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BatchSink, ColumnBatch } from '../../../src/metrics/batches.js';
import { ByteCounter, FileBytes } from '../../../src/metrics/parquet/bytes.js';
import { pythonBin } from '../../support/python.js';

const script = resolve(import.meta.dirname, '..', '..', 'fixtures', 'parquet', 'write_fixtures.py');

export interface TruthRow {
  timestamp: number;
  score: number | null;
  count: number;
  label: string | null;
}

/** Writes the fixture files (pyarrow and DuckDB) into a fresh folder; returns it. */
export function writeFixtures(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mra-parquet-'));
  execFileSync(pythonBin(), [script, dir], { stdio: 'pipe', timeout: 120_000 });
  return dir;
}

export function truth(dir: string): TruthRow[] {
  return JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as TruthRow[];
}

export function fileBytes(dir: string, name: string, counter = new ByteCounter()): FileBytes {
  const path = join(dir, name);
  return new FileBytes(name, path, statSync(path).size, counter);
}

/** Keeps every batch's rows (as plain rows) for comparison; wants rows in [from, to). */
export class KeepRows implements BatchSink {
  readonly rows: { timestamp: number; values: Record<string, number | string | null> }[] = [];
  batches = 0;

  constructor(
    private readonly from = -Infinity,
    private readonly to = Infinity,
  ) {}

  wantsRange(start: number, end: number): boolean {
    return end >= this.from && start < this.to;
  }

  batch(b: ColumnBatch): void {
    this.batches++;
    for (let i = 0; i < b.rows; i++) {
      const t = b.timestamps[i] as number;
      if (t < this.from || t >= this.to) continue;
      const values: Record<string, number | string | null> = {};
      for (const [k, v] of Object.entries(b.numeric)) {
        const x = v[i] as number;
        values[k] = Number.isNaN(x) ? null : x;
      }
      for (const [k, c] of Object.entries(b.categorical)) {
        const code = c.codes[i] as number;
        values[k] = code < 0 ? null : (c.categories[code] as string);
      }
      this.rows.push({ timestamp: t, values });
    }
  }
}
