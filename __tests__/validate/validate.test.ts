import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StageContext } from '../../src/context.js';
import { UserError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import type { ChampionInfo } from '../../src/registry/index.js';
import type { NotebookMetrics, TrainResult } from '../../src/train/types.js';
import type { ValidateConfig } from '../../src/validate/config.js';
import { validateChallenger } from '../../src/validate/index.js';
import { encodePredictions, parsePredictionsCsv } from '../../src/validate/predictions.js';
import { scoreKernel } from '../../src/validate/scores.js';
import { pythonBin } from '../support/python.js';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(`info ${m}`),
    warning: (m) => void lines.push(`warning ${m}`),
    error: (m) => void lines.push(`error ${m}`),
    debug: () => undefined,
    group: (_n, fn) => fn(),
  };
}

function ctxWith(logger: Logger): StageContext {
  const dir = mkdtempSync(join(tmpdir(), 'mra-validate-ctx-'));
  return {
    logger,
    secrets: {},
    run: {
      runId: '1',
      runAttempt: 1,
      serverUrl: 'https://github.com',
      apiUrl: 'http://127.0.0.1:9',
    },
    root: dir,
    workDir: dir,
    reportDir: dir,
    now: () => new Date('2026-11-20T00:00:00Z'),
    signal: new AbortController().signal,
  };
}

/** A training output folder with the given predictions file and metrics. */
function trained(metrics: NotebookMetrics, predictions?: string): TrainResult {
  const outputDir = mkdtempSync(join(tmpdir(), 'mra-validate-out-'));
  if (predictions !== undefined) writeFileSync(join(outputDir, 'predictions.csv'), predictions);
  writeFileSync(join(outputDir, 'metrics.json'), JSON.stringify(metrics));
  return {
    engine: 'nbclient',
    executedNotebook: join(outputDir, 'executed.ipynb'),
    outputDir,
    modelDir: join(outputDir, 'model'),
    metrics,
    files: [],
    durationS: 1,
    slowestCells: [],
  };
}

const champion: ChampionInfo = {
  version: 3,
  manifest: {
    schema: 1,
    model: 'm',
    version: 3,
    createdAt: '2026-11-01T00:00:00Z',
    files: [],
    lineage: {},
  },
  metrics: { accuracy: 0.9 },
  createdAt: '2026-11-01T00:00:00Z',
};

/** Rows: both right, challenger alone right, champion alone right, both wrong; labels as strings. */
function labelCsv(both: number, a: number, b: number, neither: number): string {
  const rows = ['y_true,challenger,champion'];
  const push = (k: number, ch: boolean, cp: boolean): void => {
    for (let i = 0; i < k; i++) {
      const y = i % 2 ? 'pos' : 'neg';
      const other = y === 'pos' ? 'neg' : 'pos';
      rows.push(`${y},${ch ? y : other},${cp ? y : other}`);
    }
  };
  push(both, true, true);
  push(a, true, false);
  push(b, false, true);
  push(neither, false, false);
  return rows.join('\n') + '\n';
}

const mcnemarConfig = (required: boolean): ValidateConfig => ({
  primary: 'accuracy',
  metrics: { accuracy: { direction: 'higher' } },
  significance: { test: 'mcnemar', level: 0.05, required, resamples: 2000, seed: 1 },
});

describe('validateChallenger reads the notebook outputs', () => {
  it('re-scored champion and McNemar on the predictions file, p as scipy computes it', async () => {
    const train = trained(
      {
        challenger: { accuracy: 0.8125 },
        champion: { accuracy: 0.7875 },
        predictions: 'predictions.csv',
      },
      labelCsv(300, 25, 15, 60),
    );
    const logger = recordingLogger();
    const v = await validateChallenger(
      mcnemarConfig(true),
      train,
      champion,
      { dryRun: false },
      ctxWith(logger),
    );
    const scipy = spawnSync(
      pythonBin(),
      ['-c', 'from scipy.stats import binomtest; print(float(binomtest(25, 40, 0.5).pvalue))'],
      { encoding: 'utf8' },
    );
    expect(v.comparison).toBe('rescored');
    expect(v.significance).toMatchObject({
      test: 'mcnemar',
      n: 400,
      challengerOnly: 25,
      championOnly: 15,
      significant: false,
    });
    expect(v.significance?.p as number).toBeCloseTo(Number(scipy.stdout.trim()), 12);
    expect(v.significance?.challenger).toBeCloseTo(0.8125, 12);
    expect(v.status).toBe('reject');
    expect(v.reason).toMatch(/better but not significant at 0\.05: p=0\.154/);
    expect(logger.lines).toContain(
      `FAIL accuracy significance: ${v.rules.at(-1)?.detail}`.replace(/^/, 'info '),
    );
  });

  it("without re-scored metrics the champion's recorded metrics are used", async () => {
    const train = trained({ challenger: { accuracy: 0.85 } });
    const v = await validateChallenger(
      { primary: 'accuracy', metrics: { accuracy: { direction: 'higher' } } },
      train,
      champion,
      { dryRun: false },
      ctxWith(recordingLogger()),
    );
    expect(v.comparison).toBe('recorded');
    expect(v.table[0]).toMatchObject({ champion: 0.9, challenger: 0.85 });
    expect(v.status).toBe('reject');
    expect(v.reason).toMatch(/different data/);
  });

  it('no published champion is a cold start even if the notebook wrote champion metrics', async () => {
    const logger = recordingLogger();
    const train = trained({ challenger: { accuracy: 0.85 }, champion: { accuracy: 0.95 } });
    const v = await validateChallenger(
      mcnemarConfig(true),
      train,
      null,
      { dryRun: false },
      ctxWith(logger),
    );
    expect(v).toMatchObject({ coldStart: true, comparison: 'none', status: 'promote' });
    expect(logger.lines.some((l) => l.startsWith('warning') && l.includes('cold start'))).toBe(
      true,
    );
  });

  it.each([
    ['no predictions key', undefined, undefined, /names no "predictions" file/],
    ['file missing', 'predictions.csv', undefined, /does not exist under output_dir/],
    ['no champion column', 'predictions.csv', 'y_true,challenger\n1,1\n', /has no champion column/],
  ])(
    'required significance without usable predictions is a user error: %s',
    async (_n, key, csv, message) => {
      const train = trained(
        { challenger: { accuracy: 0.9 }, champion: { accuracy: 0.8 }, predictions: key },
        csv,
      );
      const run = validateChallenger(
        mcnemarConfig(true),
        train,
        champion,
        { dryRun: false },
        ctxWith(recordingLogger()),
      );
      await expect(run).rejects.toThrow(UserError);
      await expect(
        validateChallenger(
          mcnemarConfig(true),
          train,
          champion,
          { dryRun: false },
          ctxWith(recordingLogger()),
        ),
      ).rejects.toThrow(message);
    },
  );

  it('optional significance without predictions: a warning, the verdict stands on the metrics', async () => {
    const logger = recordingLogger();
    const train = trained({ challenger: { accuracy: 0.9 }, champion: { accuracy: 0.8 } });
    const v = await validateChallenger(
      mcnemarConfig(false),
      train,
      champion,
      { dryRun: false },
      ctxWith(logger),
    );
    expect(v.status).toBe('promote');
    expect(v.significance?.note).toMatch(/names no "predictions" file/);
    expect(logger.lines.some((l) => l.startsWith('warning significance test skipped'))).toBe(true);
  });

  it('regression: bootstrap on rmse from numeric columns', async () => {
    const rows = ['y_true,challenger,champion'];
    for (let i = 0; i < 200; i++) {
      const y = i / 10;
      rows.push(`${y},${y + (i % 2 ? 0.1 : -0.1)},${y + (i % 3 ? 0.5 : -0.5)}`);
    }
    const train = trained(
      { challenger: { rmse: 0.1 }, champion: { rmse: 0.5 }, predictions: 'predictions.csv' },
      rows.join('\n'),
    );
    const v = await validateChallenger(
      {
        primary: 'rmse',
        metrics: { rmse: { direction: 'lower', min_change: 0.1 } },
        significance: { test: 'bootstrap', level: 0.05, required: true, resamples: 500, seed: 3 },
      },
      train,
      champion,
      { dryRun: false },
      ctxWith(recordingLogger()),
    );
    expect(v.status).toBe('promote');
    expect(v.significance).toMatchObject({
      test: 'bootstrap',
      metric: 'rmse',
      significant: true,
      resamples: 500,
      seed: 3,
    });
    expect(v.significance?.challenger as number).toBeCloseTo(0.1, 12);
    expect(v.significance?.champion as number).toBeCloseTo(0.5, 12);
    expect(v.significance?.ciHigh as number).toBeLessThan(0);
  });

  it('a primary metric with no per-example form asks for validate.significance.metric', async () => {
    const train = trained(
      { challenger: { auc: 0.9 }, champion: { auc: 0.8 }, predictions: 'predictions.csv' },
      labelCsv(10, 1, 1, 1),
    );
    await expect(
      validateChallenger(
        {
          primary: 'auc',
          metrics: { auc: { direction: 'higher' } },
          significance: {
            test: 'bootstrap',
            level: 0.05,
            required: false,
            resamples: 200,
            seed: 1,
          },
        },
        train,
        champion,
        { dryRun: false },
        ctxWith(recordingLogger()),
      ),
    ).rejects.toThrow(
      /validate\.primary: "auc" cannot be recomputed.*validate\.significance\.metric/,
    );
  });
});

describe('parsePredictionsCsv', () => {
  it.each([
    [
      'plain',
      'y_true,challenger,champion\n1,1,0\n0,1,0\n',
      [
        ['1', '0'],
        ['1', '1'],
        ['0', '0'],
      ],
    ],
    [
      'CRLF, BOM, extra columns, blank lines',
      '\uFEFFid,Y_TRUE,challenger,champion\r\n7,a,a,b\r\n\r\n8,b,a,b\r\n',
      [
        ['a', 'b'],
        ['a', 'a'],
        ['b', 'b'],
      ],
    ],
    [
      'quoted labels with commas',
      'y_true,challenger,champion\n"x,1","x,1","y ""q"""\n',
      [['x,1'], ['x,1'], ['y "q"']],
    ],
    [
      'quoted and plain lines mixed, spaces, no final newline',
      'champion, y_true ,challenger\n b , a ,a\n"c,d",x,"y"\ne,f,g\n"h",i,j',
      [
        ['a', 'x', 'f', 'i'],
        ['a', 'y', 'g', 'j'],
        ['b', 'c,d', 'e', 'h'],
      ],
    ],
  ])('%s', (_n, text, [y, a, b]) => {
    const cols = parsePredictionsCsv(text, 'p.csv');
    expect(cols).toMatchObject({ yTrue: y, challenger: a, champion: b });
  });

  it.each([
    [
      'missing header columns',
      'label,pred\n1,1\n',
      /p\.csv: the header must name the columns y_true and challenger/,
    ],
    ['short row', 'y_true,challenger,champion\n1,1,1\n1,1\n', /p\.csv:3: 2 columns/],
    [
      'an unclosed quote',
      'y_true,challenger,champion\n1,1,1\n"a,1,1\n',
      /p\.csv:3: a quoted field is not closed/,
    ],
  ])('%s is a user error', (_n, text, message) => {
    expect(() => parsePredictionsCsv(text, 'p.csv')).toThrow(message);
  });

  it('a non-numeric value for a regression metric names the file line, blank lines counted', () => {
    const cols = parsePredictionsCsv('y_true,challenger,champion\n1,2,3\n\n4,five,6\n', 'p.csv');
    const rmse = scoreKernel('rmse');
    if (!rmse) throw new Error('no rmse kernel');
    expect(() => encodePredictions(cols, rmse, 'p.csv')).toThrow(
      /^p\.csv:4: challenger is "five", not a number/,
    );
  });

  it('labels: "1" and "1.0" are the same class, strings get their own codes', () => {
    const cols = parsePredictionsCsv('y_true,challenger,champion\n1,1.0,cat\ncat,cat,1\n', 'p.csv');
    const accuracy = scoreKernel('accuracy');
    if (!accuracy) throw new Error('no accuracy kernel');
    const d = encodePredictions(cols, accuracy, 'p.csv');
    expect(accuracy.score(d.yTrue, d.challenger)).toBe(1);
    expect(accuracy.score(d.yTrue, d.champion)).toBe(0);
  });
});
