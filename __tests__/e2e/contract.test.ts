/**
 * The training contract through the bundle: a failing serving check rejects the challenger
 * with its output in the summary; a broken notebook and a reserved parameter name fail the
 * check job, before any GPU job would start.
 */
import { describe, expect, it } from 'vitest';
import { runAction } from '../support/action.js';
import { exampleConfig, makeWorkspace, publishedVersions } from './workspace.js';

const schedule = { schedule: '0 * * * *' };

describe('the training contract, end to end', () => {
  it('a smoke check that fails rejects the challenger and shows its output, escaped', async () => {
    const failing = `"$PYTHON" -c "import sys; print('<img src=x> cannot load @team'); sys.exit(4)"`;
    const ws = makeWorkspace(exampleConfig({ smoke: failing }));
    const res = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: schedule,
      inputs: { mode: 'full' },
    });
    expect(res.outputs.outcome).toBe('rejected');
    expect(res.outputs.verdict).toBe('reject');
    expect(publishedVersions(ws)).toEqual([]);
    expect(res.summary).toContain('### Smoke check: ❌ failed');
    expect(res.summary).toContain('smoke check failed: exited with code 4');
    // The command's output, inert: inside a fenced block, never as HTML.
    expect(res.summary).toMatch(/```text\n<img src=x> cannot load @team\n```/);
    const report = res.report as { smoke: { passed: boolean; exitCode: number; output: string } };
    expect(report.smoke).toMatchObject({ passed: false, exitCode: 4 });
  });

  it('check mode: a notebook without a parameters cell fails the cheap job', async () => {
    const nb = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      cells: [
        { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: 'x = 1' },
      ],
    });
    const ws = makeWorkspace(exampleConfig({ notebook: 'nb/untagged.ipynb' }), {
      'nb/untagged.ipynb': nb,
    });
    const res = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: schedule,
      inputs: { mode: 'check' },
    });
    expect(res.code).toBe(1);
    expect(res.errors.join('\n')).toMatch(
      /train\.notebook: nb\/untagged\.ipynb has no cell tagged "parameters"\. papermill then injects .*Fix: /,
    );
    expect(res.stdout).toMatch(/::error [^\n]*file=[^,\n]*nb\/untagged\.ipynb/);
  });

  it('check mode: a reserved parameter name is a config error on its line', async () => {
    const config = exampleConfig().replace(
      '    n_train: 600\n',
      '    n_train: 600\n    run_id: 7\n',
    );
    const ws = makeWorkspace(config);
    const res = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: schedule,
      inputs: { mode: 'check' },
    });
    expect(res.code).toBe(1);
    const line = config.split('\n').indexOf('    run_id: 7') + 1;
    expect(res.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `model-retrain\\.yml:${line}: train\\.parameters\\.run_id: "run_id" is set by the action itself`,
        ),
      ),
    ]);
    expect(Number(/::error [^\n]*line=(\d+)/.exec(res.stdout)?.[1])).toBe(line);
  });
});
