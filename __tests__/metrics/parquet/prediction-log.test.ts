import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPredictionLog } from '../../../src/metrics/prediction-log.js';
import type { PredictionLogConfig } from '../../../src/performance/config.js';
import { pythonBin } from '../../support/python.js';

const script = resolve(
  import.meta.dirname,
  '..',
  '..',
  'fixtures',
  'parquet',
  'write_prediction_log.py',
);
const ALL = { start: -Infinity, end: Infinity };
const binary: PredictionLogConfig = {
  log: 'pred.csv',
  labels: 'labels.jsonl',
  task: 'binary',
  score_column: 'score',
  label_time_column: 'labelled_at',
  segments: ['country'],
};

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mra-pred-'));
  execFileSync(pythonBin(), [script, root], { stdio: 'pipe', timeout: 120_000 });
}, 120_000);

describe('prediction log and labels as Parquet', () => {
  it.each([
    ['pyarrow log, pyarrow labels', 'pred.parquet', 'labels.parquet'],
    ['pyarrow log, DuckDB labels', 'pred.parquet', 'labels-duckdb.parquet'],
    ['CSV log, Parquet labels', 'pred.csv', 'labels.parquet'],
  ])('%s: the same join as the CSV/JSONL copy', async (_n, log, labels) => {
    const text = await readPredictionLog(binary, ALL, { root });
    const parquet = await readPredictionLog({ ...binary, log, labels }, ALL, { root });
    expect(text.rows).toBe(200);
    expect(text.stats.duplicateLabels.count).toBe(1);
    expect(text.stats.unknownIds.count).toBe(1);
    expect(parquet).toEqual(text);
  });

  it('a window keeps the same rows', async () => {
    const range = {
      start: Date.parse('2026-01-01T03:00:00Z'),
      end: Date.parse('2026-01-01T09:00:00Z'),
    };
    const text = await readPredictionLog(binary, range, { root });
    const parquet = await readPredictionLog(
      { ...binary, log: 'pred.parquet', labels: 'labels.parquet' },
      range,
      { root },
    );
    expect(parquet.rows).toBeGreaterThan(0);
    expect(parquet).toEqual(text);
  });

  it('a missing column names the Parquet file and the columns it has', async () => {
    await expect(
      readPredictionLog({ ...binary, log: 'pred.parquet', id_column: 'uid' }, ALL, { root }),
    ).rejects.toThrow(
      'metrics.predictions.log: pred.parquet has no column "uid" (columns: id, timestamp, prediction, score, country); set metrics.predictions.id_column',
    );
  });
});
