import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../support/python.js';

interface Job {
  'runs-on': unknown;
  needs?: string;
  if?: string;
  outputs?: Record<string, string>;
  strategy?: { 'fail-fast': boolean; 'max-parallel': string; matrix: string };
  concurrency?: { group: string };
  steps: { id?: string; uses?: string; with?: Record<string, unknown> }[];
}

// The example fleet workflow wires the plan's outputs, as action.yml declares them, into the
// retrain jobs: a typo here is a workflow that silently never retrains.
describe('.github/examples/fleet.yml', () => {
  const text = readFileSync(resolve(repoRoot, '.github/examples/fleet.yml'), 'utf8');
  const wf = parse(text) as { on: Record<string, unknown>; jobs: Record<string, Job> };
  const action = parse(readFileSync(resolve(repoRoot, 'action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
  };

  it('plans on ubuntu-latest on a schedule and on a monitor dispatch', () => {
    expect(Object.keys(wf.on)).toEqual(
      expect.arrayContaining(['schedule', 'repository_dispatch', 'workflow_dispatch']),
    );
    const plan = wf.jobs.plan as Job;
    expect(plan['runs-on']).toBe('ubuntu-latest');
    expect(plan.steps.find((s) => s.id === 'plan')?.with?.mode).toBe('plan');
  });

  it('reads only outputs the action declares', () => {
    const plan = wf.jobs.plan as Job;
    for (const value of Object.values(plan.outputs ?? {})) {
      const name = /steps\.plan\.outputs\.([\w-]+)/.exec(value)?.[1];
      expect(Object.keys(action.outputs)).toContain(name);
    }
    for (const m of text.matchAll(/needs\.plan\.outputs\.([\w-]+)/g))
      expect(Object.keys(plan.outputs ?? {})).toContain(m[1]);
    for (const job of Object.values(wf.jobs))
      for (const step of job.steps)
        if (step.uses?.startsWith('model-retrain-action/'))
          for (const input of Object.keys(step.with ?? {}))
            expect(Object.keys(action.inputs)).toContain(input);
  });

  it.each(['retrain', 'retrain-2'])('%s fans out one model per job on its own pool', (name) => {
    const job = wf.jobs[name] as Job;
    expect(job.needs).toBe('plan');
    expect(job.strategy?.['fail-fast']).toBe(false);
    expect(job.strategy?.matrix).toMatch(/fromJSON\(needs\.plan\.outputs\.matrix(-2)?\)/);
    expect(job['runs-on']).toBe('${{ matrix.runs_on }}');
    expect(job.concurrency?.group).toContain('${{ matrix.model }}');
    const step = job.steps.find((s) => s.uses?.startsWith('model-retrain-action/'));
    expect(step?.with).toMatchObject({
      mode: 'retrain',
      config: '${{ matrix.config }}',
      'gate-verdict': '${{ matrix.gate_verdict }}',
    });
  });
});
