import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/load.js';
import { PATHS } from '../../src/init/config-file.js';
import { parseInitArgs, type InitOptions } from '../../src/init/options.js';
import { planStarter } from '../../src/init/plan.js';
import { readTemplate } from '../../src/init/templates.js';
import { runCli } from './cli.js';

interface Job {
  if?: string;
  'runs-on': string | string[];
  permissions: Record<string, string>;
  steps: { uses?: string; run?: string; with?: Record<string, string> }[];
  outputs?: Record<string, string>;
}

const templates = () => ({
  notebook: readTemplate('train.ipynb'),
  requirements: readTemplate('requirements.txt'),
});
const plan = (args: string[]) => {
  const o = parseInitArgs(args, () => 'churn');
  return { o, files: planStarter(o, templates(), Date.parse('2026-11-29T12:00:00Z')) };
};
const fileOf = (files: { path: string; content: string }[], path: string) =>
  files.find((f) => f.path === path)?.content as string;

describe('init: what it writes', () => {
  it.each([
    [[]],
    [['--source', 'datadog']],
    [['--source', 'prometheus', '--registry', 's3://acme-models/registry']],
    [['--source', 's3', '--registry', 's3://acme-models/registry', '--gpu']],
  ])('flags %j: a config the schema accepts, with the schema line', (args) => {
    const { files } = plan(args);
    const root = mkdtempSync(join(tmpdir(), 'mra-starter-'));
    for (const f of files) {
      const p = join(root, f.path);
      mkdirSync(join(p, '..'), { recursive: true });
      writeFileSync(p, f.content);
    }
    const config = fileOf(files, PATHS.config);
    expect(config.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=https:\/\/.+\.json$/);
    const loaded = parseConfig(config, join(root, PATHS.config), root);
    expect(loaded.model.name).toBe('churn');
    expect(loaded.train.gpu).toBe(args.includes('--gpu'));
  });

  it('the workflow: per-job permissions, OIDC where AWS is used, Python set up, SHA pins', () => {
    const { files } = plan(['--source', 'datadog', '--registry', 's3://acme-models/r', '--gpu']);
    const wf = parse(fileOf(files, PATHS.workflow)) as {
      permissions: Record<string, string>;
      concurrency: { group: string };
      jobs: Record<string, Job>;
    };
    expect(wf.permissions).toEqual({});
    expect(wf.concurrency.group).toBe('model-retrain-churn');
    const { check, retrain, rollback } = wf.jobs as Record<string, Job>;
    expect(check?.['runs-on']).toBe('ubuntu-latest');
    expect(retrain?.['runs-on']).toEqual(['self-hosted', 'gpu']);
    // The check job reads the registry too: both jobs get AWS credentials by OIDC.
    for (const job of [check, retrain, rollback] as Job[]) {
      expect(job.permissions['id-token']).toBe('write');
      expect(
        job.steps.some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@')),
      ).toBe(true);
    }
    expect(check?.permissions).toEqual({ contents: 'read', issues: 'write', 'id-token': 'write' });
    expect(retrain?.permissions.deployments).toBe('write');
    // Datadog keys go to the job that reads metrics, and only there.
    const gate = check?.steps.find((s) => s.with?.mode === 'check');
    expect(gate?.with).toMatchObject({ 'datadog-api-key': '${{ secrets.DATADOG_API_KEY }}' });
    expect(JSON.stringify(retrain)).not.toContain('DATADOG');
    // The decision gates the training job, and the dispatch form's "check" stops before it.
    expect(check?.outputs?.decision).toBe('${{ steps.gate.outputs.decision }}');
    expect(retrain?.if).toContain("needs.check.outputs.decision == 'retrain'");
    expect(retrain?.if).toContain("inputs.mode == 'full'");
    const setup = retrain?.steps.findIndex((s) => s.uses?.startsWith('actions/setup-python@'));
    const install = retrain?.steps.findIndex((s) => s.run?.includes(`-r ${PATHS.requirements}`));
    const action = retrain?.steps.findIndex((s) => s.with?.mode === 'retrain');
    expect(setup).toBeGreaterThanOrEqual(0);
    expect(install).toBeGreaterThan(setup as number);
    expect(action).toBeGreaterThan(install as number);
    // Every third-party action pinned by a full commit SHA, with its version as a comment.
    const uses = [...fileOf(files, PATHS.workflow).matchAll(/uses: (\S+)(.*)/g)];
    for (const [, ref, comment] of uses) {
      if (ref?.startsWith('model-retrain-action/')) continue;
      expect(ref).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
      expect(comment).toMatch(/ # v\d+\.\d+\.\d+$/);
    }
  });

  it('a local registry and file metrics need no AWS at all', () => {
    const { files } = plan([]);
    const wf = fileOf(files, PATHS.workflow);
    expect(wf).not.toContain('id-token');
    expect(wf).not.toContain('configure-aws-credentials');
    expect(fileOf(files, PATHS.metrics).split('\n')[0]).toBe('timestamp,confidence');
  });

  it('the notebook follows the contract: a parameters cell with the engine-set names', () => {
    const nb = JSON.parse(templates().notebook) as {
      cells: { source: string[]; metadata: { tags?: string[] } }[];
    };
    const params = nb.cells.filter((c) => c.metadata.tags?.includes('parameters'));
    expect(params).toHaveLength(1);
    const text = params[0]?.source.join('') ?? '';
    for (const name of ['output_dir', 'champion_dir', 'run_id', 'model_name', 'trigger'])
      expect(text).toMatch(new RegExp(`^${name} = `, 'm'));
    const all = nb.cells.map((c) => c.source.join('')).join('\n');
    expect(all).toContain("'metrics.json'");
    expect(all).toContain("model_dir = output_dir / 'model'");
  });

  it.each<[string[], RegExp]>([
    [
      ['--model', 'Churn Model'],
      /"Churn Model" is not a model name; use lowercase .* \(e\.g\. churn-model\)/,
    ],
    [['--source', 's3'], /--metrics-uri s3:\/\/bucket\/prefix\//],
    [['--registry', 's3://Bad_Bucket'], /is not an S3 URI/],
    [['extra'], /unexpected argument "extra"/],
  ])('refuses %j with the fix', (args, message) => {
    expect(() => parseInitArgs(args, () => 'churn')).toThrow(message);
  });

  it('s3 metrics default to the registry bucket', () => {
    const o: InitOptions = parseInitArgs(
      ['--source', 's3', '--registry', 's3://acme/reg'],
      () => 'm',
    );
    expect(o.metricsUri).toBe('s3://acme/metrics/m/');
  });
});

describe('init: the command', () => {
  it('refuses to overwrite, names the files, writes nothing; --force overwrites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mra-init-'));
    const first = await runCli(['init', '--dir', dir], tmpdir());
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(join(dir, PATHS.notebook), 'mine');
    const second = await runCli(['init', '--dir', dir, '--source', 'datadog'], tmpdir());
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`${PATHS.config}, ${PATHS.workflow}, ${PATHS.notebook}`);
    expect(second.stderr).toContain('--force overwrites');
    expect(readFileSync(join(dir, PATHS.notebook), 'utf8')).toBe('mine');
    expect(readFileSync(join(dir, PATHS.config), 'utf8')).toContain('source: file');
    const forced = await runCli(['init', '--dir', dir, '--force'], tmpdir());
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, PATHS.notebook), 'utf8')).toContain('nbformat');
    expect(existsSync(join(dir, PATHS.requirements))).toBe(true);
  });

  it('init --help', async () => {
    const run = await runCli(['init', '--help'], tmpdir());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--source SOURCE');
  });
});
