import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { ValidateConfig } from '../../src/validate/config.js';
import { judge, type JudgeInput } from '../../src/validate/policy.js';
import type { SignificanceResult } from '../../src/validate/types.js';

const acc: ValidateConfig = {
  primary: 'accuracy',
  metrics: { accuracy: { direction: 'higher', floor: 0.8, min_change: 0.01 } },
};

const rescored = (metrics: Record<string, number>): JudgeInput['champion'] => ({
  metrics,
  basis: 'rescored',
  version: 3,
});

describe('judge: primary metric, floors, cold start', () => {
  it.each([
    // name, config, challenger, champion, status, first failing rule (or null)
    [
      'better by more than min_change',
      acc,
      { accuracy: 0.87 },
      rescored({ accuracy: 0.85 }),
      'promote',
      null,
    ],
    [
      'better by exactly min_change (float noise)',
      acc,
      { accuracy: 0.86 },
      rescored({ accuracy: 0.85 }),
      'promote',
      null,
    ],
    [
      'better by less than min_change',
      acc,
      { accuracy: 0.855 },
      rescored({ accuracy: 0.85 }),
      'reject',
      'min_change',
    ],
    [
      'worse than champion',
      acc,
      { accuracy: 0.84 },
      rescored({ accuracy: 0.85 }),
      'reject',
      'min_change',
    ],
    [
      'below the floor though better',
      acc,
      { accuracy: 0.79 },
      rescored({ accuracy: 0.7 }),
      'reject',
      'floor',
    ],
    ['cold start above floor', acc, { accuracy: 0.81 }, null, 'promote', null],
    ['cold start below floor', acc, { accuracy: 0.75 }, null, 'reject', 'floor'],
    [
      'lower is better: rmse improves',
      { primary: 'rmse', metrics: { rmse: { direction: 'lower', ceiling: 1, min_change: 0.05 } } },
      { rmse: 0.5 },
      rescored({ rmse: 0.6 }),
      'promote',
      null,
    ],
    [
      'lower is better: rmse worsens',
      { primary: 'rmse', metrics: { rmse: { direction: 'lower' } } },
      { rmse: 0.61 },
      rescored({ rmse: 0.6 }),
      'reject',
      'min_change',
    ],
    [
      'lower is better: above the ceiling',
      { primary: 'rmse', metrics: { rmse: { direction: 'lower', ceiling: 0.4 } } },
      { rmse: 0.5 },
      null,
      'reject',
      'ceiling',
    ],
    [
      'equal to champion with no min_change: not worse is enough',
      { primary: 'accuracy', metrics: { accuracy: { direction: 'higher' } } },
      { accuracy: 0.85 },
      rescored({ accuracy: 0.85 }),
      'promote',
      null,
    ],
    [
      'relative change met (2 % > 1 %)',
      {
        primary: 'accuracy',
        metrics: { accuracy: { direction: 'higher', min_relative_change: 0.01 } },
      },
      { accuracy: 0.816 },
      rescored({ accuracy: 0.8 }),
      'promote',
      null,
    ],
    [
      'relative change missed (0.5 % < 1 %)',
      {
        primary: 'accuracy',
        metrics: { accuracy: { direction: 'higher', min_relative_change: 0.01 } },
      },
      { accuracy: 0.804 },
      rescored({ accuracy: 0.8 }),
      'reject',
      'min_relative_change',
    ],
  ] as const)('%s', (_name, config, challenger, champion, status, failing) => {
    const v = judge(config as ValidateConfig, { challenger: { ...challenger }, champion });
    expect(v.status).toBe(status);
    const firstFail = v.rules.find((r) => !r.passed);
    expect(firstFail?.rule ?? null).toBe(failing);
    if (failing) expect(v.reason).toContain(failing);
    expect(v.coldStart).toBe(champion === null);
    expect(v.advisory).toBe(false);
    expect(v.moveAlias).toBe(true);
  });

  it('builds the table with champion, challenger and delta for every metric, info metrics last', () => {
    const v = judge(
      {
        primary: 'accuracy',
        metrics: {
          accuracy: { direction: 'higher' },
          latency_ms: { direction: 'lower', tolerance: 5 },
        },
      },
      {
        challenger: { latency_ms: 12, accuracy: 0.9, loss: 0.3 },
        champion: rescored({ accuracy: 0.8, latency_ms: 10 }),
      },
    );
    expect(v.table.map((r) => r.metric)).toEqual(['accuracy', 'latency_ms', 'loss']);
    const [a, l, i] = v.table;
    expect(a).toMatchObject({ champion: 0.8, challenger: 0.9, role: 'primary' });
    expect(a?.delta).toBeCloseTo(0.1, 12);
    expect(a?.relativeDelta).toBeCloseTo(0.125, 12);
    expect(l).toMatchObject({ champion: 10, challenger: 12, delta: 2, role: 'guard' });
    expect(i).toMatchObject({ champion: null, delta: null, role: 'info' });
    expect(v.comparison).toBe('rescored');
    expect(v.reason).toContain('same holdout');
  });

  it('reports every rule, not only the first failure', () => {
    const v = judge(
      {
        primary: 'accuracy',
        metrics: {
          accuracy: { direction: 'higher', floor: 0.9, min_change: 0.01 },
          f1: { direction: 'higher', floor: 0.9, tolerance: 0.01 },
        },
      },
      { challenger: { accuracy: 0.8, f1: 0.7 }, champion: rescored({ accuracy: 0.85, f1: 0.8 }) },
    );
    expect(v.rules.map((r) => [r.metric, r.rule, r.passed])).toEqual([
      ['accuracy', 'floor', false],
      ['accuracy', 'min_change', false],
      ['f1', 'floor', false],
      ['f1', 'tolerance', false],
    ]);
    expect(v.reason).toMatch(/^accuracy floor: 0\.8 is below the floor 0\.9/);
  });

  it('cold start skips comparison rules and says so', () => {
    const v = judge(
      {
        primary: 'accuracy',
        metrics: {
          accuracy: { direction: 'higher', min_change: 0.01 },
          f1: { direction: 'higher', tolerance: 0.01 },
        },
      },
      { challenger: { accuracy: 0.5, f1: 0.5 }, champion: null },
    );
    expect(v.status).toBe('promote');
    expect(v.comparison).toBe('none');
    expect(v.rules.every((r) => r.skipped && r.passed)).toBe(true);
    expect(v.reason).toMatch(/cold start/);
    expect(v.notes?.join(' ')).toMatch(/Cold start/);
  });

  it('recorded champion metrics: the rules say they were measured on different data', () => {
    const v = judge(acc, {
      challenger: { accuracy: 0.84 },
      champion: { metrics: { accuracy: 0.85 }, basis: 'recorded', version: 2 },
    });
    expect(v.comparison).toBe('recorded');
    expect(v.status).toBe('reject');
    expect(v.reason).toMatch(/different data/);
    expect(v.notes?.join(' ')).toMatch(/different data/);
  });

  it('a recorded champion without the primary metric skips the comparison', () => {
    const v = judge(acc, {
      challenger: { accuracy: 0.84 },
      champion: { metrics: {}, basis: 'recorded', version: 2 },
    });
    expect(v.status).toBe('promote');
    expect(v.rules.find((r) => r.rule === 'min_change')?.skipped).toBe(true);
    expect(v.reason).toMatch(/no accuracy to compare/);
  });

  it.each([
    [
      'challenger lacks a configured metric',
      { loss: 1 },
      rescored({ accuracy: 0.8 }),
      /"challenger" has no "accuracy"/,
    ],
    [
      'challenger value is not finite',
      { accuracy: NaN },
      rescored({ accuracy: 0.8 }),
      /not a finite number/,
    ],
    [
      're-scored champion lacks the primary',
      { accuracy: 0.9 },
      rescored({ f1: 0.8 }),
      /"champion" has no "accuracy"/,
    ],
  ])('bad notebook outputs are user errors: %s', (_name, challenger, champion, message) => {
    expect(() => judge(acc, { challenger, champion })).toThrow(UserError);
    expect(() => judge(acc, { challenger, champion })).toThrow(message);
  });

  it('a primary without a policy is a user error naming the field', () => {
    expect(() =>
      judge(
        { primary: 'auc', metrics: { accuracy: { direction: 'higher' } } },
        { challenger: { auc: 1, accuracy: 1 }, champion: null },
      ),
    ).toThrow(/validate\.primary: "auc"/);
  });
});

describe('judge: guard metrics', () => {
  const guards: ValidateConfig = {
    primary: 'accuracy',
    metrics: {
      accuracy: { direction: 'higher' },
      latency_ms: { direction: 'lower', tolerance: 5, relative_tolerance: 0.2 },
      recall: { direction: 'higher', relative_tolerance: 0.05 },
      loss: { direction: 'lower' },
    },
  };
  it.each([
    ['all within tolerance', { accuracy: 0.9, latency_ms: 11.5, recall: 0.78, loss: 9 }, null],
    [
      'latency regresses beyond absolute tolerance',
      { accuracy: 0.9, latency_ms: 16, recall: 0.8, loss: 0 },
      'latency_ms tolerance',
    ],
    // 10 → 12.5 is +2.5 absolute (ok) but 25 % relative (> 20 %)
    [
      'latency within absolute, beyond relative',
      { accuracy: 0.9, latency_ms: 12.5, recall: 0.8, loss: 0 },
      'latency_ms relative_tolerance',
    ],
    [
      'recall drops 10 % relative',
      { accuracy: 0.9, latency_ms: 10, recall: 0.72, loss: 0 },
      'recall relative_tolerance',
    ],
    ['guards improving never fail', { accuracy: 0.9, latency_ms: 1, recall: 0.99, loss: 0 }, null],
    [
      'a guard without tolerance is only reported',
      { accuracy: 0.9, latency_ms: 10, recall: 0.8, loss: 1e6 },
      null,
    ],
  ])('%s', (_name, challenger, failing) => {
    const v = judge(guards, {
      challenger,
      champion: rescored({ accuracy: 0.85, latency_ms: 10, recall: 0.8, loss: 1 }),
    });
    const first = v.rules.find((r) => !r.passed);
    expect(first ? `${first.metric} ${first.rule}` : null).toBe(failing);
    expect(v.status).toBe(failing ? 'reject' : 'promote');
  });
});

describe('judge: modes', () => {
  const worse = { challenger: { accuracy: 0.8 }, champion: rescored({ accuracy: 0.85 }) };
  const better = { challenger: { accuracy: 0.9 }, champion: rescored({ accuracy: 0.85 }) };
  it.each([
    // mode, input dryRun, input, status, advisory, wouldBe, moveAlias
    ['enforce', false, worse, 'reject', false, undefined, true],
    ['enforce', false, better, 'promote', false, undefined, true],
    ['dry_run', false, worse, 'promote', true, 'reject', true],
    ['dry_run', false, better, 'promote', true, 'promote', true],
    ['shadow', false, better, 'promote', false, undefined, false],
    ['shadow', false, worse, 'reject', false, undefined, false],
    ['enforce', true, worse, 'promote', true, 'reject', false],
    ['shadow', true, better, 'promote', true, 'promote', false],
  ] as const)(
    '%s (dry-run input %s)',
    (mode, dryRun, input, status, advisory, wouldBe, moveAlias) => {
      const v = judge({ ...acc, mode }, { ...input, dryRun });
      expect(v).toMatchObject({ status, advisory, moveAlias });
      expect(v.wouldBe).toBe(wouldBe);
      if (advisory) expect(v.reason).toMatch(new RegExp(`^dry run, would ${wouldBe}`));
      expect(v.mode).toBe(dryRun ? 'dry_run' : mode);
    },
  );
});

describe('judge: significance', () => {
  const sigResult = (over: Partial<SignificanceResult>): SignificanceResult => ({
    test: 'mcnemar',
    metric: 'accuracy',
    level: 0.05,
    required: true,
    n: 1000,
    challenger: 0.87,
    champion: 0.85,
    delta: 0.02,
    p: 0.2,
    challengerOnly: 30,
    championOnly: 10,
    better: true,
    significant: false,
    ...over,
  });
  const cfg = (required: boolean): ValidateConfig => ({
    primary: 'accuracy',
    metrics: { accuracy: { direction: 'higher', min_change: 0.01 } },
    significance: { test: 'mcnemar', level: 0.05, required, resamples: 2000, seed: 1 },
  });
  const input = { challenger: { accuracy: 0.87 }, champion: rescored({ accuracy: 0.85 }) };

  it.each([
    [
      'required, significant',
      true,
      { p: 0.001, significant: true },
      'promote',
      /significantly better at 0\.05: p=0\.001/,
    ],
    [
      'required, better but not significant',
      true,
      { p: 0.21 },
      'reject',
      /better but not significant at 0\.05: p=0\.21/,
    ],
    ['not required, not significant', false, { p: 0.21, required: false }, 'promote', /advisory/],
    [
      'required, worse',
      true,
      { p: 0.5, better: false, delta: -0.01, challengerOnly: 10, championOnly: 12 },
      'reject',
      /not significantly better/,
    ],
  ] as const)('%s', (_name, required, over, status, detail) => {
    const v = judge(cfg(required), { ...input, significance: sigResult(over) });
    expect(v.status).toBe(status);
    const rule = v.rules.find((r) => r.rule === 'significance');
    expect(rule?.detail).toMatch(detail);
    expect(v.significance?.p).toBe(over.p);
    if (status === 'reject' && required && (over as Partial<SignificanceResult>).better !== false)
      expect(v.reason).toMatch(/^accuracy significance: better but not significant/);
  });

  it('required but unavailable rejects; not required is skipped; cold start skips', () => {
    const missing = 'metrics.json names no "predictions" file';
    expect(judge(cfg(true), { ...input, significanceUnavailable: missing }).status).toBe('reject');
    const lax = judge(cfg(false), { ...input, significanceUnavailable: missing });
    expect(lax.status).toBe('promote');
    expect(lax.significance?.note).toBe(missing);
    const cold = judge(cfg(true), { challenger: { accuracy: 0.87 }, champion: null });
    expect(cold.status).toBe('promote');
    expect(cold.rules.find((r) => r.rule === 'significance')?.skipped).toBe(true);
  });

  it('the min_change failure is named before the significance failure', () => {
    const v = judge(cfg(true), {
      challenger: { accuracy: 0.855 },
      champion: rescored({ accuracy: 0.85 }),
      significance: sigResult({ p: 0.4 }),
    });
    expect(v.reason).toMatch(/^accuracy min_change/);
  });
});
