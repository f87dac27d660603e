import { describe, expect, it } from 'vitest';
import { rejectionFailure } from '../../src/report/fail-on-reject.js';
import { reportOutputs } from '../../src/report/outputs.js';
import { renderSummary } from '../../src/report/summary.js';
import type { RunReport } from '../../src/report/types.js';
import { TOOL } from '../../src/version.js';

const report = (over: Partial<RunReport>): RunReport => ({
  schema: 2,
  tool: TOOL,
  model: 'churn',
  mode: 'full',
  run: { runId: '7', runAttempt: 1, serverUrl: 'https://github.com', apiUrl: 'https://x' },
  startedAt: '2026-11-23T10:00:00.000Z',
  trigger: { kind: 'schedule', event: 'schedule', reason: 'r', forced: false, inputs: {} },
  decision: 'retrain',
  severity: 'alert',
  champion: { version: 4, createdAt: '2026-11-20T10:00:00.000Z' },
  timings: {},
  outcome: 'published',
  commit: null,
  runUrl: null,
  ...over,
});

const superseded = report({
  outcome: 'superseded',
  publication: {
    version: 6,
    uri: 's3://b/churn/versions/6/files/model/',
    manifestUri: 's3://b/churn/versions/6/manifest.json',
    alias: 'production',
    aliasMoved: false,
    previousVersion: 5,
    resumed: false,
    superseded: { serving: 5, validatedAgainst: 4 },
  },
});

describe('a superseded challenger', () => {
  it('says in the summary which version serves and that the challenger was not compared with it', () => {
    const md = renderSummary(superseded);
    expect(md).toContain('Published, not promoted: the champion changed during the run');
    expect(md).toContain(
      '`production` serves version 5 now; the challenger was validated against version 4 and was not compared with version 5, so version 6 is published but not promoted.',
    );
  });

  it('has its own outcome and names the serving version in the outputs', () => {
    expect(reportOutputs(superseded)).toMatchObject({
      outcome: 'superseded',
      version: '6',
      'serving-version': '5',
    });
  });
});

describe('serving-version', () => {
  it.each([
    [
      'a promotion',
      report({
        publication: { ...superseded.publication!, aliasMoved: true, superseded: undefined },
      }),
      '6',
    ],
    ['a rejection', report({ outcome: 'rejected' }), '4'],
    ['a cold start without a version', report({ outcome: 'skipped', champion: null }), ''],
  ])('after %s', (_what, r, want) => expect(reportOutputs(r)['serving-version']).toBe(want));
});

describe('fail-on-reject', () => {
  it.each([
    [false, 'rejected', null],
    [false, 'superseded', null],
    [true, 'published', null],
    [true, 'shadow', null],
    [true, 'skipped', null],
    [true, 'rejected', 'fail-on-reject: the challenger was rejected'],
    [
      true,
      'superseded',
      'fail-on-reject: version 6 was published but not promoted: the alias serves version 5, which the challenger was not compared with',
    ],
  ] as const)('with %s, a %s run fails: %s', (on, outcome, message) => {
    expect(rejectionFailure(on, { ...superseded, outcome })).toBe(message);
  });
});
