import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../support/action.js';
import { exampleConfig, makeWorkspace, publishedVersions } from './workspace.js';

/** A minimal notebook with a parameters cell and the given code cells. */
function notebook(...cells: string[]): string {
  const code = (src: string, tags: string[] = []) => ({
    cell_type: 'code',
    execution_count: null,
    metadata: { tags },
    outputs: [],
    source: src,
  });
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    cells: [code('output_dir = "out"', ['parameters']), ...cells.map((c) => code(c))],
  });
}

const schedule = { schedule: '0 * * * *' };

describe('bad input fails the step with one clear message and publishes nothing', () => {
  it.each([
    {
      name: 'unknown key',
      config: exampleConfig().replace('gate:\n', 'gate:\n  treshold: 3\n'),
      message: /model-retrain\.yml:\d+: gate: unknown key "treshold"/,
      line: 14,
    },
    {
      name: 'wrong type',
      config: exampleConfig().replace('min_samples: 30', 'min_samples: many'),
      message: /model-retrain\.yml:\d+: gate\.min_samples: must be integer/,
      line: 14,
    },
    {
      name: 'missing notebook',
      config: exampleConfig({ notebook: 'training/missing.ipynb' }),
      message: /train\.notebook: notebook training\/missing\.ipynb not found/,
      line: 23,
    },
  ])('$name', async ({ config, message, line }) => {
    const ws = makeWorkspace(config);
    const res = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: schedule,
      inputs: { mode: 'full' },
    });
    expect(res.code).toBe(1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatch(message);
    // The annotation lands on the config file, at the offending line.
    const annotation = res.stdout.split('\n').find((l) => l.startsWith('::error'));
    expect(annotation).toMatch(/file=[^,]*model-retrain\.yml/);
    expect(Number(/line=(\d+)/.exec(annotation ?? '')?.[1])).toBe(line);
    expect(res.summary).toContain('failed');
    expect(publishedVersions(ws)).toEqual([]);
  });

  it('a notebook that raises: the failing cell and its error in the summary, notebook kept', async () => {
    const ws = makeWorkspace(exampleConfig({ notebook: 'nb/raises.ipynb' }), {
      'nb/raises.ipynb': notebook('x = 1', 'raise ValueError("labels file is empty")'),
    });
    const res = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: schedule,
      inputs: { mode: 'full' },
    });
    expect(res.code).toBe(1);
    expect(res.outputs.outcome).toBe('failed');
    expect(res.errors.join('\n')).toContain('ValueError');
    expect(res.summary).toContain('raise ValueError("labels file is empty")');
    expect(res.summary).toContain('ValueError: labels file is empty');
    const failure = (res.report as { trainingFailure: { kind: string; executedNotebook: string } })
      .trainingFailure;
    expect(failure.kind).toBe('exception');
    expect(existsSync(failure.executedNotebook)).toBe(true);
    expect(publishedVersions(ws)).toEqual([]);
  });

  it('a notebook that writes no metrics.json', async () => {
    const ws = makeWorkspace(exampleConfig({ notebook: 'nb/silent.ipynb' }), {
      'nb/silent.ipynb': notebook(
        'import os\nos.makedirs(os.path.join(output_dir, "model"), exist_ok=True)\nopen(os.path.join(output_dir, "model", "m.bin"), "w").write("x")',
      ),
    });
    const res = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: schedule,
      inputs: { mode: 'full' },
    });
    expect(res.code).toBe(1);
    expect(res.errors.join('\n')).toMatch(/metrics\.json/);
    expect(publishedVersions(ws)).toEqual([]);
    expect(existsSync(join(ws, 'registry/reviews/aliases/production.json'))).toBe(false);
  });

  it('a bad input value names the input', async () => {
    const ws = makeWorkspace(exampleConfig());
    const res = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: schedule,
      inputs: { mode: 'full', force: 'yes please' },
    });
    expect(res.code).toBe(1);
    expect(res.errors).toEqual(['input "force": expected true or false, got "yes please"']);
  });
});

describe('secrets', () => {
  it('are masked at once and never reach the log, summary, outputs or report', async () => {
    const apiKey = 'dd-api-0123456789abcdef';
    const appKey = 'dd-app-fedcba9876543210';
    const config = exampleConfig()
      .replace(
        /metrics:\n {2}source: file\n {2}series:\n {4}- name: confidence\n/,
        'metrics:\n  source: datadog\n  series:\n    - name: confidence\n      query: avg:model.confidence{model:reviews}\n',
      )
      .replace(/ {2}file:\n {4}path: .*\n/, '  datadog:\n    api_url: http://127.0.0.1:9\n');
    const ws = makeWorkspace(config);
    const res = await runAction({
      workspace: ws,
      eventName: 'schedule',
      payload: schedule,
      inputs: { mode: 'check', 'datadog-api-key': apiKey, 'datadog-app-key': appKey },
    });
    // The metrics server is unreachable: the step fails, naming the system, not the keys.
    expect(res.code).toBe(1);
    expect(res.errors.join('\n')).toMatch(/cannot reach Datadog/i);
    const lines = res.stdout.split('\n');
    // Each key raw, and its base64 form (the runner masks the log only with what it is given).
    expect(lines.filter((l) => l.startsWith('::add-mask::'))).toEqual(
      expect.arrayContaining(
        [apiKey, appKey].flatMap((k) => [
          `::add-mask::${k}`,
          `::add-mask::${Buffer.from(k).toString('base64')}`,
        ]),
      ),
    );
    const rest = lines.filter((l) => !l.startsWith('::add-mask::')).join('\n') + res.stderr;
    for (const s of [apiKey, appKey]) {
      expect(rest).not.toContain(s);
      expect(res.summary).not.toContain(s);
      expect(JSON.stringify(res.outputs)).not.toContain(s);
      expect(JSON.stringify(res.report ?? {})).not.toContain(s);
    }
  });
});
