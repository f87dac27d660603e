import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { StageContext } from '../../src/context.js';
import { evaluateGate } from '../../src/gate/index.js';
import { silentLogger } from '../../src/logger.js';
import { fetchMetrics } from '../../src/metrics/index.js';
import { pythonBin, repoRoot } from '../support/python.js';

const metricsDir = resolve(repoRoot, 'examples/reviews/metrics');
const scratch = mkdtempSync(join(tmpdir(), 'examples-metrics-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function context(): StageContext {
  return {
    logger: silentLogger,
    secrets: {},
    run: { runId: 'test', runAttempt: 1, serverUrl: 'https://github.com', apiUrl: '' },
    root: repoRoot,
    workDir: scratch,
    reportDir: scratch,
    now: () => new Date('2026-12-01T00:00:00Z'),
    signal: new AbortController().signal,
  };
}

describe('demo production metrics', () => {
  it('make_metrics.py reproduces the committed CSVs byte for byte', () => {
    execFileSync(pythonBin(), [join(metricsDir, 'make_metrics.py'), '--out-dir', scratch]);
    for (const name of ['healthy.csv', 'drifted.csv']) {
      expect(readFileSync(join(scratch, name), 'utf8')).toBe(
        readFileSync(join(metricsDir, name), 'utf8'),
      );
    }
  });

  it.each([
    { file: 'healthy.csv', severity: 'ok', decision: 'skip', min: 0.85, max: 0.95 },
    { file: 'drifted.csv', severity: 'alert', decision: 'retrain', min: 0.5, max: 0.69 },
  ])(
    '$file through the demo config: $severity, $decision',
    async ({ file, severity, decision, min, max }) => {
      const config = loadConfig('examples/reviews/model-retrain.yml', repoRoot);
      config.metrics.file!.path = `examples/reviews/metrics/${file}`;
      const metrics = await fetchMetrics(config.metrics, context());
      const gate = evaluateGate(config.gate, {
        metrics,
        trigger: { kind: 'schedule', event: 'schedule', reason: 'test', forced: false, inputs: {} },
        forced: false,
        dryRun: false,
        championAgeMs: 0,
      });
      const [check] = gate.checks;
      expect(check!.samples.current).toBeGreaterThan(300);
      // The reference week is there too, for distribution checks.
      expect(metrics.points.confidence?.reference).toBeGreaterThan(2000);
      expect(check!.value).toBeGreaterThan(min);
      expect(check!.value).toBeLessThan(max);
      expect(gate.severity).toBe(severity);
      expect(gate.decision).toBe(decision);
    },
  );
});
