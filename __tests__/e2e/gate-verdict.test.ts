import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runAction } from '../support/action.js';
import { runCli } from '../init/cli.js';

// The workflow `init` writes, run job by job as the runner would: the check job's `with:`, then
// the retrain job's, whose `${{ needs.check.outputs.* }}` are the check job's real outputs.
interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, string | boolean>;
}
interface Job {
  if?: string;
  outputs?: Record<string, string>;
  steps: Step[];
}

/** `${{ … }}` of the starter's jobs, as a schedule run evaluates them. */
function evaluate(value: string | boolean, needs: Record<string, string>): string {
  return String(value).replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
    const need = /^needs\.check\.outputs\.([\w-]+)$/.exec(expr);
    if (need) return needs[need[1] as string] ?? '';
    if (expr === 'inputs.force || false') return 'false';
    if (expr.startsWith('inputs.')) return '';
    throw new Error(`expression not known to this test: ${expr}`);
  });
}

function actionInputs(job: Job, needs: Record<string, string> = {}): Record<string, string> {
  const step = job.steps.find((s) => s.uses?.startsWith('model-retrain-action/')) as Step;
  return Object.fromEntries(
    Object.entries(step.with ?? {}).map(([k, v]) => [k, evaluate(v, needs)]),
  );
}

describe('the starter workflow passes the check’s verdict on whole', () => {
  it('a model in alert: the retrain job reports alert and why, not ok', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'mra-verdict-'));
    expect((await runCli(['init', '--model', 'starter'], ws)).code).toBe(0);
    // Production confidence sinks in the last day: the starter's check is past its alert level.
    const csv = join(ws, 'monitoring/metrics.csv');
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    const last = Date.parse(lines.at(-1)?.split(',')[0] as string);
    writeFileSync(
      csv,
      [
        lines[0],
        ...lines.slice(1).map((l) => {
          const [t] = l.split(',');
          return Date.parse(t as string) > last - 86_400_000 ? `${t},0.55` : l;
        }),
      ].join('\n') + '\n',
    );
    const wf = parse(readFileSync(join(ws, '.github/workflows/model-retrain.yml'), 'utf8')) as {
      jobs: Record<string, Job>;
    };
    const { check, retrain } = wf.jobs as { check: Job; retrain: Job };

    const c = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: {},
      inputs: actionInputs(check),
    });
    expect(c.code, c.stdout.slice(-2000)).toBe(0);
    expect(c.outputs).toMatchObject({ decision: 'retrain', severity: 'alert' });
    // The job's outputs, as `outputs:` maps them from the gate step.
    const needs = Object.fromEntries(
      Object.entries(check.outputs ?? {}).map(([k, v]) => [
        k,
        c.outputs[/steps\.gate\.outputs\.([\w-]+)/.exec(v)?.[1] as string] ?? '',
      ]),
    );
    expect(needs['gate-verdict']).toBe(c.outputs['gate-verdict']);
    expect(retrain.if).toContain("needs.check.outputs.decision == 'retrain'");

    const r = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: {},
      inputs: actionInputs(retrain, needs),
    });
    expect(r.code, r.stdout.slice(-3000)).toBe(0);
    expect(r.outputs).toMatchObject({
      decision: 'retrain',
      severity: 'alert',
      outcome: 'published',
    });
    const gate = r.report?.gate as { severity: string; reasons: string[]; checks: unknown[] };
    expect(r.report?.severity).toBe('alert');
    expect(gate.severity).toBe('alert');
    expect(gate.checks).toHaveLength(1);
    expect(gate.reasons[0]).toMatch(/decision "retrain" taken by the check job .*severity alert/);
    const checkReasons = (c.report?.gate as { reasons: string[] }).reasons;
    for (const why of checkReasons) expect(gate.reasons).toContain(why);
    expect(r.summary).toContain('Drift gate: ALERT → retrain');
    expect(r.summary).not.toMatch(/Drift gate: ok/);
    // No warning about a decision passed alone: the workflow passes the verdict.
    expect(r.stdout).not.toMatch(/::warning::gate-decision passes only/);
    // And the retrain job's own output carries the verdict on, unchanged in what it says.
    expect(JSON.parse(r.outputs['gate-verdict'] as string)).toMatchObject({
      decision: 'retrain',
      severity: 'alert',
    });
  }, 300_000);

  it('a bare gate-decision still works, and says what it cannot report', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'mra-verdict-'));
    expect((await runCli(['init', '--model', 'starter'], ws)).code).toBe(0);
    const r = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: {},
      inputs: { mode: 'retrain', 'gate-decision': 'retrain' },
    });
    expect(r.code, r.stdout.slice(-2000)).toBe(0);
    expect(r.stdout).toMatch(/::warning::gate-decision passes only the decision/);
  }, 300_000);

  it('a gate-verdict that is not the check job’s output fails with the fix', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'mra-verdict-'));
    expect((await runCli(['init', '--model', 'starter'], ws)).code).toBe(0);
    const r = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: {},
      inputs: { mode: 'retrain', 'gate-verdict': '{"decision":"retrain","severity":"bad"}' },
    });
    expect(r.code).toBe(1);
    expect(r.errors.join('\n')).toMatch(
      /input "gate-verdict": severity "bad" is not one of ok, insufficient, warn, alert; pass the check job's output unchanged/,
    );
  });
});
