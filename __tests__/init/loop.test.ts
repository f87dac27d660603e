import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleMetrics } from '../../src/init/sample-metrics.js';
import { startDatadogStandin, type DatadogStandin } from '../support/datadog-standin.js';
import { startMoto, type MotoServer } from '../support/moto.js';
import { startPrometheus, type PrometheusServer } from '../support/prometheus.js';
import { jsonOutputs, runCli } from './cli.js';

// `model-retrain init` in an empty folder, then the loop the written workflow runs (check, then
// retrain on "retrain", then check again), with no edit to what init wrote.
interface Kind {
  name: string;
  flags: () => string[];
  env?: () => Record<string, string>;
  before?: (dir: string) => Promise<void>;
  registry: 'path' | 's3';
}

let dd: DatadogStandin;
let prom: PrometheusServer;
let moto: MotoServer;
const model = 'starter';

beforeAll(async () => {
  // Production for the stand-ins: the same healthy series the sample file holds, ending now.
  const m = sampleMetrics(Date.now(), 5);
  dd = await startDatadogStandin({
    data: [
      {
        metric: 'model.confidence',
        tags: [`model:${model}`],
        timestamps: m.timestamps,
        values: m.values,
      },
    ],
  });
  prom = await startPrometheus([
    {
      labels: { __name__: 'model_confidence', model, instance: 'serving-1' },
      timestamps: m.timestamps,
      values: m.values,
    },
  ]);
  moto = await startMoto();
});

afterAll(async () => {
  await dd?.close();
  await prom?.stop();
  await moto?.stop();
});

const s3 = () =>
  new S3Client({
    endpoint: moto.endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });

const kinds: Kind[] = [
  { name: 'file source, local registry', flags: () => [], registry: 'path' },
  {
    name: 'datadog source, local registry',
    flags: () => ['--source', 'datadog', '--datadog-api-url', dd.url],
    env: () => ({ DATADOG_API_KEY: dd.apiKey, DATADOG_APP_KEY: dd.appKey }),
    registry: 'path',
  },
  {
    name: 'prometheus source, local registry',
    flags: () => ['--source', 'prometheus', '--prometheus-url', prom.url],
    registry: 'path',
  },
  {
    name: 's3 source, s3 registry',
    flags: () => ['--source', 's3', '--registry', 's3://models/registry'],
    env: () => moto.env,
    // What the user does once: a bucket, and their metrics objects (here the sample file).
    async before(dir) {
      const client = s3();
      await client.send(new CreateBucketCommand({ Bucket: 'models' }));
      await client.send(
        new PutObjectCommand({
          Bucket: 'models',
          Key: `metrics/${model}/2026-11-29.csv`,
          Body: readFileSync(join(dir, 'monitoring/metrics.csv')),
        }),
      );
      client.destroy();
    },
    registry: 's3',
  },
];

describe.each(kinds)('init, then the loop: $name', (kind) => {
  it('cold start publishes version 1, verify passes, the next check skips', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mra-init-'));
    const init = await runCli(['init', '--model', model, ...kind.flags()], dir);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('wrote .github/model-retrain.yml');
    await kind.before?.(dir);
    const env = kind.env?.() ?? {};

    const check = await runCli(['--mode', 'check', '--event', 'schedule', '--json'], dir, env);
    expect(check.code, check.stderr).toBe(0);
    expect(jsonOutputs(check)).toMatchObject({ decision: 'retrain', outcome: 'checked' });

    // As the written workflow does: the check's verdict whole goes to the retrain job.
    const verdict = jsonOutputs(check)['gate-verdict'] as string;
    const retrain = await runCli(
      ['--mode', 'retrain', '--gate-verdict', verdict, '--event', 'schedule', '--json'],
      dir,
      env,
    );
    expect(retrain.code, retrain.stderr).toBe(0);
    // The AWS SDK's Node-version notice does not interrupt the log (S3 kinds).
    expect(retrain.stderr).not.toMatch(/NodeVersionSupportWarning|will require node/);
    const published = jsonOutputs(retrain);
    expect(published).toMatchObject({ verdict: 'promote', version: '1', outcome: 'published' });
    expect(published['model-uri']).toMatch(
      kind.registry === 's3' ? /^s3:\/\/models\/registry\// : /registry/,
    );

    const verify = await runCli(['verify', '1', '--json'], dir, env);
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });

    // Healthy production and a serving model: the gate skips.
    const again = await runCli(['--mode', 'check', '--event', 'schedule', '--json'], dir, env);
    expect(again.code, again.stderr).toBe(0);
    expect(jsonOutputs(again)).toMatchObject({ decision: 'skip', severity: 'ok' });
  });
});

describe('the starter’s first forced retrain', () => {
  it('is rejected, for a reason a person can read: nothing changed, so nothing ships', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mra-init-'));
    expect((await runCli(['init', '--model', model], dir)).code).toBe(0);
    // The notebook derives its data from the run id: fixed ids make the runs repeatable.
    const first = await runCli(['--mode', 'retrain', '--gate-decision', 'retrain', '--json'], dir, {
      GITHUB_RUN_ID: 'r0',
    });
    expect(jsonOutputs(first)).toMatchObject({ version: '1', outcome: 'published' });
    for (const id of ['r1', 'r2', 'r3']) {
      const forced = await runCli(['--force', '--json'], dir, { GITHUB_RUN_ID: id });
      expect(forced.code, forced.stderr).toBe(0);
      const out = jsonOutputs(forced);
      expect(out).toMatchObject({ verdict: 'reject', outcome: 'rejected', 'serving-version': '1' });
      const report = JSON.parse(readFileSync(out.report as string, 'utf8')) as {
        verdict: {
          reason: string;
          table: { metric: string; champion: number; challenger: number }[];
        };
      };
      // Equally good, as they should be on data that does not drift: within 0.02 of each other.
      const acc = report.verdict.table.find((t) => t.metric === 'accuracy');
      expect(Math.abs((acc?.challenger ?? 0) - (acc?.champion ?? 1))).toBeLessThan(0.02);
      expect(report.verdict.reason).toMatch(
        /^accuracy (significance: .*not significant|min_change: .*must not be worse)/,
      );
    }
    const versions = await runCli(['versions', '--json'], dir);
    expect(versions.code, versions.stderr).toBe(0);
    expect(JSON.parse(versions.stdout)).toMatchObject({
      serving: 1,
      versions: [{ version: 1, serving: true, runId: 'r0' }],
    });
    const missing = await runCli(['verify', '9'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/version 9 is not in .*\(published: 1\); `.* versions` lists/);
  }, 300_000);
});
