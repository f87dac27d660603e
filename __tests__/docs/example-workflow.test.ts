import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../support/python.js';

// The example workflow people copy, and the repository's own workflows: pins, permissions, labels.
interface Job {
  if?: string;
  needs?: string;
  'runs-on': string | string[];
  permissions?: Record<string, string>;
  steps: { uses?: string }[];
}
const read = (p: string) => readFileSync(join(repoRoot, p), 'utf8');
const example = '.github/examples/model-retrain.yml';

describe('the example workflow', () => {
  const text = read(example);
  const wf = parse(text) as { permissions: unknown; jobs: Record<string, Job> };

  it('pins every third-party action by commit SHA, with the version as a comment', () => {
    const uses = [...text.matchAll(/uses: (\S+)(.*)/g)];
    expect(uses.length).toBeGreaterThan(5);
    for (const [, ref, comment] of uses) {
      if (ref?.startsWith('model-retrain-action/')) continue;
      expect(ref).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
      expect(comment).toMatch(/ # v\d+\.\d+\.\d+/);
    }
  });

  it('grants nothing at the top and per job only what the job needs', () => {
    expect(wf.permissions).toEqual({});
    for (const job of Object.values(wf.jobs)) expect(job.permissions?.contents).toBe('read');
    expect(wf.jobs.check?.permissions?.deployments).toBeUndefined();
  });

  it('gives AWS credentials by OIDC to every job that reads the registry, the check job too', () => {
    for (const [name, job] of Object.entries(wf.jobs)) {
      expect(job.permissions?.['id-token'], name).toBe('write');
      expect(
        job.steps.some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@')),
        name,
      ).toBe(true);
    }
  });

  it('honours the dispatch form: mode check never runs the GPU job', () => {
    const retrain = wf.jobs.retrain as Job;
    expect(retrain['runs-on']).toEqual(['self-hosted', 'gpu']);
    expect(retrain.if).toContain("needs.check.outputs.decision == 'retrain'");
    expect(retrain.if).toContain("inputs.mode == 'full'");
    expect(retrain.steps.some((s) => s.uses?.startsWith('actions/setup-python@'))).toBe(true);
  });

  it('every self-hosted label used is declared in .github/actionlint.yaml', () => {
    const lint = parse(read('.github/actionlint.yaml')) as {
      'self-hosted-runner': { labels: string[] };
    };
    const files = [
      example,
      ...readdirSync(join(repoRoot, '.github/workflows')).map((f) => `.github/workflows/${f}`),
    ];
    for (const f of files) {
      const jobs = (parse(read(f)) as { jobs: Record<string, Job> }).jobs;
      for (const job of Object.values(jobs)) {
        const labels = [job['runs-on']].flat();
        if (!labels.includes('self-hosted')) continue;
        for (const l of labels.filter((x) => x !== 'self-hosted'))
          expect(lint['self-hosted-runner'].labels, `${f}: ${l}`).toContain(l);
      }
    }
  });
});

describe('releases', () => {
  it('LICENSE is the MIT licence package.json names', () => {
    const pkg = JSON.parse(read('package.json')) as { license: string; private?: boolean };
    expect(pkg.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License/);
    expect(pkg.private).toBeUndefined();
  });

  it('the CHANGELOG has a section for the version package.json says', () => {
    const pkg = JSON.parse(read('package.json')) as { version: string };
    expect(read('CHANGELOG.md')).toContain(`\n## ${pkg.version}\n`);
  });

  it('the release workflow checks the bundle, tags vX.Y.Z and moves the major tag', () => {
    const text = read('.github/workflows/release.yml');
    expect(text).toContain('npm run bundle');
    expect(text).toContain('git tag -a "v$VERSION"');
    expect(text).toContain('git push -f origin "$major"');
  });

  it('dependabot watches npm and github-actions', () => {
    const cfg = parse(read('.github/dependabot.yml')) as {
      updates: { 'package-ecosystem': string }[];
    };
    expect(cfg.updates.map((u) => u['package-ecosystem']).sort()).toEqual([
      'github-actions',
      'npm',
    ]);
  });
});
