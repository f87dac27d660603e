import { describe, expect, it } from 'vitest';
import {
  EMPTY_NO_DATA,
  nextNoDataState,
  noDataPolicy,
  noDataReason,
  type NoDataPolicy,
  type NoDataState,
} from '../../src/gate/no-data.js';
import { gateConfigProblem } from '../../src/gate/validate-config.js';
import type { Severity } from '../../src/gate/types.js';
import { parseConfig } from '../../src/config/load.js';
import { UserError } from '../../src/errors.js';
import { planIssue } from '../../src/report/notify/issue-body.js';
import { exampleConfig } from '../e2e/workspace.js';
import { report } from '../notify/fixtures.js';
import { repoRoot } from '../support/python.js';
import { gate } from './helpers.js';

const warn3: NoDataPolicy = { escalateAfter: 3, severity: 'warn' };
const T0 = '2026-11-01T00:00:00.000Z';
const T1 = '2026-11-01T01:00:00.000Z';
const streak = (count: number, runs: string[] = []): NoDataState => ({
  count,
  since: count ? T0 : null,
  sinceRun: count ? (runs[0] ?? 'r0') : null,
  runs,
});

describe('runs in a row without usable data', () => {
  it.each<
    [
      string,
      NoDataState,
      string,
      Severity,
      NoDataPolicy | null,
      Partial<NoDataState>,
      boolean,
      boolean,
    ]
  >([
    [
      'first insufficient run starts the streak',
      EMPTY_NO_DATA,
      'r1',
      'insufficient',
      warn3,
      { count: 1, since: T1, sinceRun: 'r1', runs: ['r1'] },
      true,
      false,
    ],
    [
      'second adds one, keeps the start',
      streak(1, ['r1']),
      'r2',
      'insufficient',
      warn3,
      { count: 2, since: T0, sinceRun: 'r1', runs: ['r1', 'r2'] },
      true,
      false,
    ],
    [
      'the k-th escalates',
      streak(2, ['r1', 'r2']),
      'r3',
      'insufficient',
      warn3,
      { count: 3, runs: ['r1', 'r2', 'r3'] },
      true,
      true,
    ],
    [
      'past k it stays escalated',
      streak(5, ['r1', 'r2', 'r3', 'r4', 'r5']),
      'r6',
      'insufficient',
      warn3,
      { count: 6 },
      true,
      true,
    ],
    [
      'a re-run of a counted run does not count twice',
      streak(2, ['r1', 'r2']),
      'r2',
      'insufficient',
      warn3,
      { count: 2, runs: ['r1', 'r2'] },
      false,
      false,
    ],
    [
      'a re-run of the k-th run still escalates',
      streak(3, ['r1', 'r2', 'r3']),
      'r3',
      'insufficient',
      warn3,
      { count: 3 },
      false,
      true,
    ],
    ['ok resets', streak(2, ['r1', 'r2']), 'r3', 'ok', warn3, EMPTY_NO_DATA, true, false],
    [
      'warn with data resets',
      streak(4, ['a', 'b', 'c', 'd']),
      'e',
      'warn',
      warn3,
      EMPTY_NO_DATA,
      true,
      false,
    ],
    ['alert with data resets', streak(1, ['a']), 'b', 'alert', warn3, EMPTY_NO_DATA, true, false],
    [
      'healthy after healthy writes nothing',
      EMPTY_NO_DATA,
      'r1',
      'ok',
      warn3,
      EMPTY_NO_DATA,
      false,
      false,
    ],
    [
      'turned off: counts, never escalates',
      streak(9, ['x']),
      'y',
      'insufficient',
      null,
      { count: 10 },
      true,
      false,
    ],
    [
      'escalate_after 1 escalates the first run',
      EMPTY_NO_DATA,
      'r1',
      'insufficient',
      { escalateAfter: 1, severity: 'alert' },
      { count: 1 },
      true,
      true,
    ],
  ])('%s', (_name, prev, runId, severity, policy, want, changed, escalate) => {
    const step = nextNoDataState(prev, { runId, at: T1, severity }, policy);
    expect(step.state).toMatchObject(want);
    expect(step.changed).toBe(changed);
    expect(step.escalate).toBe(escalate);
  });

  it('keeps only the latest run ids', () => {
    let s = EMPTY_NO_DATA;
    for (let i = 0; i < 50; i++)
      s = nextNoDataState(s, { runId: `r${i}`, at: T1, severity: 'insufficient' }, warn3).state;
    expect(s.count).toBe(50);
    expect(s.runs).toHaveLength(20);
    expect(s.runs.at(-1)).toBe('r49');
    expect(s.sinceRun).toBe('r0');
  });

  it('the reason says how long and which series', () => {
    expect(noDataReason(streak(3, ['r1']), ['confidence', 'latency'])).toMatch(
      /^no usable data for 3 runs in a row since 2026-11-01T00:00:00.000Z \(confidence, latency\)/,
    );
  });

  it.each<[string, object | undefined, NoDataPolicy | null]>([
    ['default: on, warn after 3', undefined, { escalateAfter: 3, severity: 'warn' }],
    ['severity alert', { severity: 'alert' }, { escalateAfter: 3, severity: 'alert' }],
    ['escalate_after 5', { escalate_after: 5 }, { escalateAfter: 5, severity: 'warn' }],
    ['0 turns it off', { escalate_after: 0 }, null],
    ['false turns it off', { escalate_after: false }, null],
  ])('policy: %s', (_name, noData, want) => {
    const g = gate(
      [{ series: 'x', statistic: 'mean', warn: 1 }],
      noData ? { no_data: noData } : {},
    );
    expect(noDataPolicy(g)).toEqual(want);
  });

  it.each([-1, 1.5, true])('escalate_after %s is a config error naming the field', (v) => {
    const g = gate([{ series: 'x', statistic: 'mean', warn: 1 }], {
      no_data: { escalate_after: v as number },
    });
    expect(gateConfigProblem(g)).toMatchObject({
      path: ['gate', 'no_data', 'escalate_after'],
      message: expect.stringMatching(/not a number of runs/) as unknown,
    });
  });
});

describe('gate.no_data in the config file', () => {
  const withNoData = (yaml: string): string =>
    exampleConfig().replace('  min_samples: 30\n', `  min_samples: 30\n  no_data:\n${yaml}`);

  it('defaults to on; 0 turns it off', () => {
    expect(noDataPolicy(parseConfig(exampleConfig(), '/ws/c.yml', repoRoot).gate)).toEqual({
      escalateAfter: 3,
      severity: 'warn',
    });
    const off = parseConfig(withNoData('    escalate_after: 0\n'), '/ws/c.yml', repoRoot);
    expect(noDataPolicy(off.gate)).toBeNull();
  });

  it.each([
    ['-1', /gate\.no_data\.escalate_after: -1 is not a number of runs/],
    ['2.5', /gate\.no_data\.escalate_after: 2\.5 is not a number of runs/],
    ['true', /gate\.no_data\.escalate_after: true is not a number of runs/],
    ['three', /gate\.no_data\.escalate_after: three is not a number of runs/],
  ])('escalate_after: %s is a config error on its line', (v, message) => {
    const text = withNoData(`    escalate_after: ${v}\n`);
    const line = text.split('\n').findIndex((l) => l.includes('escalate_after')) + 1;
    let err: unknown;
    try {
      parseConfig(text, '/ws/c.yml', repoRoot);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message.startsWith(`/ws/c.yml:${line}: `)).toBe(true);
  });
});

describe('an escalated run and the warning issue', () => {
  it('opens the issue with the why in its body', () => {
    const reason =
      'no usable data for 3 runs in a row since 2026-11-20T00:00:00.000Z (confidence): the gate cannot judge the model';
    const r = report('insufficient', {
      severity: 'warn',
      noData: {
        count: 3,
        since: '2026-11-20T00:00:00.000Z',
        sinceRun: '1',
        escalateAfter: 3,
        escalated: true,
        severity: 'warn',
        reason,
        recorded: true,
      },
    });
    const plan = planIssue(r, [], '', undefined);
    expect(plan.action).toBe('open');
    expect((plan as { body: string }).body).toContain('no usable data for 3 runs in a row');
  });
});
