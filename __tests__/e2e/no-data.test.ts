/**
 * Never silent, through the bundle: a gate that cannot judge (the current window is too small)
 * for escalate_after check runs in a row escalates the k-th run to warn, with the why in the
 * outputs, the summary and the run report; a re-run counts once, a run with data resets it.
 */
import { describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../support/action.js';
import { exampleConfig, makeWorkspace, writeConfig } from './workspace.js';

const starved = exampleConfig()
  .replace('  min_samples: 30\n', '  min_samples: 1000000\n  no_data: { escalate_after: 3 }\n')
  .replace('      alert: 0.7\n', '      alert: 0.7\n      min_samples: 1000000\n');

type NoData = { count: number; escalated: boolean; recorded: boolean; reason?: string };

describe('no usable data for k runs in a row, end to end', () => {
  it('the k-th insufficient check run reports warn and says why; data resets the count', async () => {
    // A champion first (healthy data, cold start): afterwards nothing but the gate decides.
    const ws = makeWorkspace(exampleConfig());
    const check = (runId: string, extra: Record<string, string> = {}): Promise<ActionRun> =>
      runAction({
        workspace: ws,
        eventName: 'schedule',
        payload: { schedule: '0 * * * *' },
        inputs: { mode: 'check', ...extra },
        env: { GITHUB_RUN_ID: runId },
      });
    const noData = (r: ActionRun): NoData => (r.report as { noData: NoData }).noData;
    const champion = await check('100', { mode: 'full' });
    expect(champion.outputs.outcome).toBe('published');
    writeConfig(ws, starved);

    const first = await check('101');
    expect(first.code).toBe(0);
    expect(first.outputs.severity).toBe('insufficient');
    expect(first.outputs.decision).toBe('skip');
    expect(noData(first)).toMatchObject({ count: 1, escalated: false, recorded: true });
    expect(first.summary).toContain('No usable data for 1 run in a row');

    const second = await check('102');
    expect(second.outputs.severity).toBe('insufficient');
    // A re-run of the same workflow run (attempt 2) is not a new run without data.
    const rerun = await check('102');
    expect(noData(rerun).count).toBe(2);
    expect(rerun.outputs.severity).toBe('insufficient');
    // A dry run reads the count and writes nothing.
    const dry = await check('150', { 'dry-run': 'true' });
    expect(noData(dry)).toMatchObject({ count: 3, recorded: false });

    const third = await check('103');
    expect(third.code).toBe(0);
    expect(third.outputs.severity).toBe('warn');
    // Reported as a warning, never a retrain.
    expect(third.outputs.decision).toBe('warn');
    expect(noData(third)).toMatchObject({ count: 3, escalated: true, recorded: true });
    expect(third.summary).toMatch(
      /\*\*Decision: `warn`\*\* \(warn\) — no usable data for 3 runs in a row since \d{4}-[^ ]+ \(confidence\)/,
    );
    expect(third.summary).toContain('escalated to **warn** at 3');
    expect(third.stdout).toMatch(/::warning[^\n]*no usable data for 3 runs in a row/);

    // Data again: the window is judged, the count resets.
    writeConfig(ws, exampleConfig());
    const healthy = await check('104');
    expect(healthy.outputs.severity).toBe('ok');
    expect(noData(healthy)).toMatchObject({ count: 0, escalated: false });
    expect(healthy.summary).not.toContain('No usable data');
  });
});
