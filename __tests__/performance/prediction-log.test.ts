import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readPredictionLog } from '../../src/metrics/prediction-log.js';
import type { PredictionLogConfig } from '../../src/performance/config.js';

const ALL = { start: -Infinity, end: Infinity };

function files(entries: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'perf-log-'));
  for (const [name, body] of Object.entries(entries)) writeFileSync(join(dir, name), body);
  return dir;
}

const PRED = [
  'id,timestamp,prediction,score,country',
  '1,2026-01-01T00:00:00Z,1,0.9,de',
  '2,2026-01-01T01:00:00Z,0,0.2,fr',
  '3,2026-01-01T02:00:00Z,1,0.6,de',
  '4,2026-01-01T03:00:00Z,0,0.4,fr',
].join('\n');

const binary: PredictionLogConfig = {
  log: 'pred.csv',
  labels: 'labels.jsonl.gz',
  task: 'binary',
  score_column: 'score',
  label_time_column: 'labelled_at',
  segments: ['country'],
};

describe('reading a prediction log and its labels', () => {
  it('CSV predictions with gzipped JSONL labels: joined, with lag, unknown ids and twice-labelled ids', async () => {
    const labels = [
      { id: 1, label: 1, labelled_at: '2026-01-02T00:00:00Z' },
      { id: 2, label: 1, labelled_at: '2026-01-02T01:00:00Z' },
      { id: 2, label: 0, labelled_at: '2026-01-03T01:00:00Z' },
      { id: 99, label: 0, labelled_at: '2026-01-03T01:00:00Z' },
      { id: 3, label: null, labelled_at: '2026-01-03T01:00:00Z' },
    ];
    const root = files({
      'pred.csv': PRED,
      'labels.jsonl.gz': gzipSync(labels.map((l) => JSON.stringify(l)).join('\n')),
    });
    const log = await readPredictionLog(binary, ALL, { root });
    expect(log.rows).toBe(4);
    expect(log.classes).toEqual(['0', '1']);
    expect(Array.from(log.labelled)).toEqual([1, 1, 0, 0]);
    expect(log.classes[log.truth[1]!]).toBe('0'); // the later label of id 2 counts
    expect(log.stats.unknownIds).toEqual({ count: 1, first: 4 });
    expect(log.stats.duplicateLabels.count).toBe(1);
    expect(log.stats.conflictingLabels.count).toBe(1);
    expect(log.stats.missingLabelValues).toEqual({ count: 1, first: 5 });
    expect(log.segments[0]!.values).toEqual(['de', 'fr']);
    expect(log.labelTime[0]! - log.t[0]!).toBe(24 * 3_600_000);
  });

  it('a missing id column names the file and the columns that exist', async () => {
    const root = files({
      'pred.csv': PRED.replace('id,', 'uid,'),
      'labels.jsonl.gz': gzipSync(''),
    });
    await expect(readPredictionLog(binary, ALL, { root })).rejects.toThrow(
      'metrics.predictions.log: pred.csv has no column "id" (columns: uid, timestamp, prediction, score, country); set metrics.predictions.id_column',
    );
  });

  it('a missing label column in the label table names what exists', async () => {
    const root = files({ 'pred.csv': PRED, 'labels.csv': 'id,truth\n1,1\n' });
    await expect(
      readPredictionLog({ ...binary, labels: 'labels.csv', label_time_column: undefined }, ALL, {
        root,
      }),
    ).rejects.toThrow(
      'metrics.predictions.labels: labels.csv has no column "label" (columns: id, truth); set metrics.predictions.label_column',
    );
  });

  it('a score outside [0, 1] is an error naming file, line and column', async () => {
    const root = files({ 'pred.csv': PRED.replace('0.6', '1.6'), 'labels.csv': 'id,label\n' });
    await expect(
      readPredictionLog({ ...binary, labels: 'labels.csv', label_time_column: undefined }, ALL, {
        root,
      }),
    ).rejects.toThrow(
      'pred.csv:4: column "score" holds "1.6"; a score must be a probability in [0, 1]',
    );
  });

  it('a third class in a binary log is an error; a label the model never predicts is counted and left out', async () => {
    const root = files({
      'pred.csv': PRED + '\n5,2026-01-01T04:00:00Z,2,0.5,de',
      'labels.csv': 'id,label\n',
    });
    await expect(
      readPredictionLog({ ...binary, labels: 'labels.csv', label_time_column: undefined }, ALL, {
        root,
      }),
    ).rejects.toThrow('pred.csv:6: column "prediction" holds a third class "2"');
    const root2 = files({ 'pred.csv': PRED, 'labels.csv': 'id,label\n1,1\n2,maybe\n3,maybe\n' });
    const log = await readPredictionLog(
      { ...binary, labels: 'labels.csv', label_time_column: undefined },
      ALL,
      { root: root2 },
    );
    expect(log.stats.unknownClasses.get('maybe')).toEqual({ count: 2, first: 3 });
    expect(log.labelled.reduce((s, v) => s + v, 0)).toBe(1);
  });

  it('duplicated ids in the prediction log: the first stands, counted with its line', async () => {
    const root = files({
      'pred.csv': PRED + '\n1,2026-01-01T05:00:00Z,0,0.1,de',
      'labels.csv': 'id,label\n1,1\n',
    });
    const log = await readPredictionLog(
      { ...binary, labels: 'labels.csv', label_time_column: undefined },
      ALL,
      { root },
    );
    expect(log.stats.duplicatePredictions).toEqual({ count: 1, first: 6 });
    expect(log.rows).toBe(4);
  });

  it('multiclass scores that do not sum to 1 are kept and said', async () => {
    const pred =
      'id,timestamp,prediction,p_a,p_b,p_c\n1,2026-01-01T00:00:00Z,a,0.5,0.3,0.2\n2,2026-01-01T00:00:00Z,b,0.5,0.5,0.5\n';
    const root = files({ 'pred.csv': pred, 'labels.csv': 'id,label\n1,a\n2,c\n' });
    const log = await readPredictionLog(
      {
        log: 'pred.csv',
        labels: 'labels.csv',
        task: 'multiclass',
        score_columns: { a: 'p_a', b: 'p_b', c: 'p_c' },
      },
      ALL,
      { root },
    );
    expect(log.classes).toEqual(['a', 'b', 'c']);
    expect(log.notes?.[0]).toContain(
      '1 prediction(s) have scores that do not sum to 1 (first: pred.csv:3)',
    );
  });

  it('a file that does not exist names the field and where it looked', async () => {
    const root = files({});
    await expect(readPredictionLog(binary, ALL, { root })).rejects.toThrow(
      /metrics\.predictions\.log: "pred\.csv" is not a readable file/,
    );
  });
});
