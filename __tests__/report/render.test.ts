/**
 * Looks at the job summaries as a person would: the demo's three runs (cold start, drift and
 * retrain, healthy again) and a failed run, through the CLI like scripts/demo.sh, rendered like
 * GitHub renders them and screenshotted in headless Chromium. The screenshots stay in
 * .tmp/summary-screenshots (or $SUMMARY_SCREENSHOTS) for a reviewer to open.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Marked } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleConfig, makeWorkspace, writeConfig } from '../e2e/workspace.js';
import { mermaidBlocks } from '../support/mermaid.js';
import { pathWithVenv, repoRoot } from '../support/python.js';
import { checkRunArtifacts } from '../support/run-report.js';

const CLI = resolve(repoRoot, 'dist/cli/index.js');
const SHOTS = process.env.SUMMARY_SCREENSHOTS ?? join(repoRoot, '.tmp', 'summary-screenshots');

interface CliRun {
  code: number | null;
  output: string;
  summary: string;
  summaryPath: string;
}

async function cli(ws: string, runId: string): Promise<CliRun> {
  const child = spawn(
    process.execPath,
    [CLI, '--event', 'schedule', '--root', ws, '--report-dir', join(ws, 'reports')],
    {
      cwd: ws,
      env: { PATH: pathWithVenv(), HOME: process.env.HOME ?? ws, GITHUB_RUN_ID: runId },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  const summaryPath = join(ws, 'reports', `summary-${runId}-1.md`);
  if (!existsSync(summaryPath)) throw new Error(`no summary from run ${runId}:\n${output}`);
  const summary = readFileSync(summaryPath, 'utf8');
  const report: unknown = JSON.parse(
    readFileSync(join(ws, 'reports', `run-report-${runId}-1.json`), 'utf8'),
  );
  await checkRunArtifacts(report, summary);
  return { code, output, summary, summaryPath };
}

interface Rendered {
  file: string;
  png: string;
  blocks: number;
  rendered: number;
  errors: string[];
}

const FAILING = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  cells: [
    {
      cell_type: 'code',
      execution_count: null,
      metadata: { tags: ['parameters'] },
      outputs: [],
      source: 'output_dir = "out"',
    },
    {
      cell_type: 'code',
      execution_count: null,
      metadata: {},
      outputs: [],
      source:
        'raise ValueError("metrics.json needs {\\"<metric>\\": <number>} under <file under output_dir>")',
    },
  ],
});

describe('job summaries as people see them', () => {
  const runs: Record<string, CliRun> = {};
  let shots: Rendered[] = [];

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} missing: run npm run bundle`);
    // The demo: cold start, drift, healthy again (scripts/demo.sh), on the example model.
    const ws = makeWorkspace(exampleConfig({ metrics: 'healthy' }));
    runs.healthy = await cli(ws, 'demo-1-cold-start');
    writeConfig(ws, exampleConfig({ metrics: 'drifted', drift: true }));
    runs.drifted = await cli(ws, 'demo-2-drifted');
    writeConfig(ws, exampleConfig({ metrics: 'healthy' }));
    runs.again = await cli(ws, 'demo-3-healthy-again');
    // A failed run: the notebook raises with placeholders in its message.
    const failing = makeWorkspace(
      exampleConfig({ metrics: 'drifted', notebook: 'training/fail.ipynb' }),
      { 'training/fail.ipynb': FAILING },
    );
    runs.failed = await cli(failing, 'failed-notebook');

    rmSync(SHOTS, { recursive: true, force: true });
    const r = spawnSync(
      process.execPath,
      [
        join(repoRoot, 'scripts/render-summary.mjs'),
        '--out',
        SHOTS,
        ...Object.values(runs).map((x) => x.summaryPath),
      ],
      { encoding: 'utf8', timeout: 600_000 },
    );
    shots = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Rendered);
    if (shots.length !== 4) throw new Error(`render-summary.mjs: ${r.stderr}\n${r.stdout}`);
  }, 900_000);

  it('the demo runs end as the demo says: published, published, skipped; the failed run fails', () => {
    expect(runs.healthy!.summary).toContain('· Published a new version');
    expect(runs.drifted!.summary).toContain('· Published a new version');
    expect(runs.again!.summary).toContain('· No retrain needed');
    expect(runs.failed!.code).toBe(1);
    expect(runs.failed!.summary).toContain('### Training failed (exception)');
  });

  it('the drifted run leads with why, and charts the drop with its levels', () => {
    const md = runs.drifted!.summary;
    expect(md).toMatch(
      /\*\*Decision: `retrain`\*\* \(alert\) — mean confidence: mean of confidence is 0\.\d+, past the alert level < 0\.7 in the current window \d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? → .* UTC \(\d+ samples\)\./,
    );
    const charts = mermaidBlocks(md);
    expect(charts.length).toBe(2); // the gated series, champion vs challenger
    expect(charts[0]).toContain('title "confidence: mean per');
    expect(md).toContain('🟧 warn < 0.8 · 🟥 alert < 0.7');
    expect(charts[1]).toContain('title "champion and challenger"');
  });

  it('the failure box keeps <placeholders> as text', () => {
    const md = runs.failed!.summary;
    expect(md).toContain('> [!CAUTION]');
    const html = new Marked({ gfm: true }).parse(md) as string;
    expect(html).not.toMatch(/<(metric|number|file)\b/);
    const box = html.slice(html.indexOf('[!CAUTION]'), html.indexOf('</blockquote>'));
    expect(box).toContain('&lt;metric&gt;');
    expect(box).toContain('&lt;file under output_dir&gt;');
  });

  it('every Mermaid block rendered in Chromium (no error diagram), and every screenshot exists', () => {
    for (const s of shots) {
      expect(s.errors, s.file).toEqual([]);
      expect(s.rendered, s.file).toBe(s.blocks);
      expect(statSync(s.png).size, s.png).toBeGreaterThan(20_000);
      expect(readFileSync(s.png).subarray(1, 4).toString()).toBe('PNG');
    }
    expect(shots.map((s) => s.blocks)).toEqual(
      Object.values(runs).map((r) => mermaidBlocks(r.summary).length),
    );
    expect(shots.reduce((n, s) => n + s.rendered, 0)).toBeGreaterThanOrEqual(4);
    expect(readdirSync(SHOTS).filter((f) => f.endsWith('.png'))).toHaveLength(4);
  });
});
