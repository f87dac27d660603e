/**
 * validate.smoke: real processes (sh, python) against a model folder; the verdict rule and the
 * summary section as pure functions.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/logger.js';
import { escapeCodeBlock } from '../../src/text/escape.js';
import {
  applySmoke,
  renderSmokeMarkdown,
  runSmoke,
  type SmokeResult,
} from '../../src/validate/smoke.js';
import type { Verdict } from '../../src/validate/types.js';
import { pythonBin } from '../support/python.js';

const root = mkdtempSync(join(tmpdir(), 'mra-smoke-'));
const modelDir = join(root, 'out', 'model');
mkdirSync(modelDir, { recursive: true });
writeFileSync(join(modelDir, 'weights.txt'), 'w=1');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const logged: string[] = [];
const logger: Logger = {
  info: (m) => void logged.push(m),
  warning: (m) => void logged.push(m),
  error: (m) => void logged.push(m),
  debug: () => undefined,
  group: (_n, fn) => fn(),
};
const ctx = { root, logger, signal: new AbortController().signal, secrets: {} };
const train = { modelDir, outputDir: join(root, 'out') };
const smoke = (command: string | string[], timeout?: string) =>
  runSmoke({ command, ...(timeout ? { timeout } : {}) }, train, { python: pythonBin() }, ctx);

describe('runSmoke', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('passes when the command reads the model and exits 0', async () => {
    const r = await smoke('cat "$MODEL_DIR/weights.txt" && echo " from $(pwd)"');
    expect(r).toMatchObject({ passed: true, exitCode: 0, timedOut: false });
    expect(r.output).toBe(`w=1 from ${root}`);
    expect(r.reason).toMatch(/^passed in \d+\.\d s$/);
  });

  it('gets PYTHON (the training interpreter) and an argument list runs without a shell', async () => {
    const r = await smoke([
      pythonBin(),
      '-c',
      'import os, sys; print(os.environ["PYTHON"] == sys.executable or os.environ["PYTHON"]); print(os.environ["OUTPUT_DIR"])',
    ]);
    expect(r.passed).toBe(true);
    expect(r.output.split('\n')).toEqual(['True', train.outputDir]);
  });

  it('fails with the exit code and the last lines of both streams', async () => {
    const r = await smoke(
      'for i in $(seq 1 100); do echo "line $i"; done; echo "Traceback: model.pt missing" >&2; exit 3',
    );
    expect(r).toMatchObject({ passed: false, exitCode: 3, reason: 'exited with code 3' });
    const lines = r.output.split('\n');
    expect(lines).toHaveLength(60);
    expect(lines.at(-1)).toBe('Traceback: model.pt missing');
    expect(lines[0]).toBe('line 42');
  });

  it('a command that runs past its timeout is stopped and fails', async () => {
    const t0 = Date.now();
    const r = await smoke('echo started; sleep 30', '1s');
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(r).toMatchObject({ passed: false, timedOut: true });
    expect(r.reason).toBe('did not finish within 1s (validate.smoke.timeout)');
    expect(r.output).toBe('started');
  });

  it('a command that does not exist says so', async () => {
    const r = await smoke([join(root, 'no-such-binary')]);
    expect(r.passed).toBe(false);
    expect(r.reason).toMatch(
      /^could not start .*no-such-binary \(ENOENT\); check validate\.smoke\.command$/,
    );
  });

  it('sees no input or token, like the notebook', async () => {
    process.env['INPUT_GITHUB-TOKEN'] = 'ghs_smoke_input';
    process.env.GITHUB_TOKEN = 'ghs_smoke_env';
    const r = await smoke('env');
    expect(r.passed).toBe(true);
    expect(r.output).not.toContain('ghs_smoke');
  });
});

const verdict = (over: Partial<Verdict> = {}): Verdict => ({
  status: 'promote',
  reason: 'accuracy improved',
  coldStart: false,
  comparison: 'rescored',
  rules: [{ rule: 'floor', metric: 'accuracy', passed: true, detail: '0.9 ≥ 0.6' }],
  table: [],
  advisory: false,
  mode: 'enforce',
  moveAlias: true,
  notes: [],
  ...over,
});
const result = (over: Partial<SmokeResult> = {}): SmokeResult => ({
  command: 'python smoke.py',
  passed: true,
  exitCode: 0,
  signal: null,
  timedOut: false,
  durationS: 1.2,
  output: 'ok',
  reason: 'passed in 1.2 s',
  ...over,
});

describe('applySmoke', () => {
  it.each([
    ['enforce', verdict()],
    ['shadow', verdict({ mode: 'shadow', moveAlias: false })],
    [
      'dry_run',
      verdict({
        mode: 'dry_run',
        advisory: true,
        wouldBe: 'promote',
        reason: 'dry run, would promote',
      }),
    ],
  ])('a failure rejects in %s mode', (_mode, v) => {
    const out = applySmoke(v, result({ passed: false, exitCode: 1, reason: 'exited with code 1' }));
    expect(out.status).toBe('reject');
    expect(out.moveAlias).toBe(false);
    expect(out.advisory).toBe(false);
    expect(out.reason).toBe('smoke check failed: exited with code 1 (python smoke.py)');
    expect(out.rules.at(-1)).toEqual({
      rule: 'smoke',
      metric: 'model',
      passed: false,
      detail: 'python smoke.py: exited with code 1',
    });
  });

  it('a pass adds a passing rule and changes nothing else', () => {
    const v = verdict();
    const out = applySmoke(v, result());
    expect({ ...out, rules: v.rules }).toEqual(v);
    expect(out.rules.at(-1)?.passed).toBe(true);
  });

  it('a rejected challenger stays rejected with its own reason when the smoke passes', () => {
    const v = verdict({ status: 'reject', reason: 'accuracy floor: 0.5 < 0.6' });
    expect(applySmoke(v, result()).reason).toBe('accuracy floor: 0.5 < 0.6');
  });
});

describe('renderSmokeMarkdown', () => {
  it('shows the output verbatim but inert: no HTML, no mention, no way out of the block', () => {
    const hostile =
      'Error: <img src=x onerror=alert(1)> @octocat\n```\n# heading\n\u001b[31mred\u001b[0m ::error::x';
    const md = renderSmokeMarkdown(
      result({
        passed: false,
        command: 'sh -c "x | y"',
        reason: 'exited with code 2',
        output: hostile,
      }),
    );
    expect(md).toContain('### Smoke check: ❌ failed');
    expect(md).toContain('<details open><summary>Output (last lines)</summary>');
    // The fence is longer than the longest backtick run inside, so the output cannot close it.
    expect(md).toContain(
      '````text\nError: <img src=x onerror=alert(1)> @octocat\n```\n# heading\nred ::error::x\n````',
    );
    expect(md).toContain('Command: sh -c &quot;x \\| y&quot; · exited with code 2 after 1.2 s');
  });

  it('passed: a closed output block', () => {
    expect(renderSmokeMarkdown(result())).toBe(
      '### Smoke check: ✅ passed\n\nCommand: python smoke.py · passed in 1.2 s\n\n<details><summary>Output (last lines)</summary>\n\n```text\nok\n```\n\n</details>',
    );
  });

  it('escapeCodeBlock drops control characters and keeps tabs and line breaks', () => {
    expect(escapeCodeBlock('a\tb\r\nc\u0007')).toBe('```text\na\tb\nc\n```');
  });
});
