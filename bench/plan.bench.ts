import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunOptions } from '../src/config/types.js';
import { silentLogger } from '../src/logger.js';
import { executePlan, type PlanInput } from '../src/plan/run.js';
import { makeFleet } from '../__tests__/plan/fleet.js';
import { seedChampions } from '../__tests__/plan/seed.js';
import type { Bench } from './harness.js';

const root = resolve(import.meta.dirname, '..', '..');

function planInput(ws: string, concurrency: 'fleet' | 1): PlanInput {
  const options: RunOptions = {
    mode: 'plan',
    configPath: '',
    failOnReject: false,
    configs: '.github/models/*.yml',
    keepGoing: true,
    force: false,
    dryRun: false,
    secrets: {},
  };
  return {
    options,
    root: ws,
    eventName: 'schedule',
    payload: {},
    logger: silentLogger,
    env: { GITHUB_RUN_ID: concurrency === 1 ? 'one-at-a-time' : 'plan' },
    defaultReportDir: join(ws, concurrency === 1 ? 'reports-seq' : 'reports'),
    signal: new AbortController().signal,
  };
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return Math.round((c.user + c.system) / 1e4) / 100;
}

export const benches: Bench[] = [
  {
    // The plan over a fleet of file-sourced models with champions (9 healthy : 1 drifted), next to
    // the same checks made one model at a time; and what one check costs as its own process
    // (today: one workflow, one job, one `node` per model), measured on 5 models.
    name: 'plan',
    sizes: [10, 100, 1000],
    async run(size) {
      const n = Number(size);
      const drifted = Math.max(1, Math.round(n / 10));
      const fleet = makeFleet({ healthy: n - drifted, drifted });
      await seedChampions(fleet.root, [...fleet.names.healthy, ...fleet.names.drifted]);
      // Module start-up and the schema compile once, on a small fleet, so neither side pays them.
      const warm = makeFleet({ healthy: 2, drifted: 1 });
      await executePlan(planInput(warm.root, 'fleet'));
      rmSync(warm.root, { recursive: true, force: true });
      global.gc?.();
      const rss0 = process.resourceUsage().maxRSS / 1024;
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const plan = await executePlan(planInput(fleet.root, 'fleet'));
      const ours = Number(process.hrtime.bigint() - t0) / 1e9;
      const oursCpu = cpuSeconds(c0);
      const planPeak = process.resourceUsage().maxRSS / 1024;
      if (plan.report.retrainCount !== drifted) {
        throw new Error(`expected ${drifted} retrains, the plan has ${plan.report.retrainCount}`);
      }

      // One model at a time: the same plan with concurrency 1 (a fleet file saying so).
      const seq = planInput(fleet.root, 1);
      writeFileSync(
        join(fleet.root, 'fleet.yml'),
        'configs: .github/models/*.yml\nconcurrency: 1\n',
      );
      seq.options.configs = 'fleet.yml';
      const c1 = process.cpuUsage();
      const t1 = process.hrtime.bigint();
      await executePlan(seq);
      const oneAtATime = Number(process.hrtime.bigint() - t1) / 1e9;
      const seqCpu = cpuSeconds(c1);

      // One process per model, as a workflow per model runs it.
      const sample = fleet.names.healthy.slice(0, 5);
      const t2 = process.hrtime.bigint();
      for (const name of sample) {
        const r = spawnSync(
          process.execPath,
          [
            join(root, 'dist/cli/index.js'),
            '--mode',
            'check',
            '--config',
            `.github/models/${name}.yml`,
            '--report-dir',
            'reports-proc',
            '--json',
          ],
          { cwd: fleet.root, encoding: 'utf8' },
        );
        if (r.status !== 0) throw new Error(`check of ${name} failed: ${r.stderr || r.stdout}`);
      }
      const perProcess = Number(process.hrtime.bigint() - t2) / 1e9 / sample.length;
      rmSync(fleet.root, { recursive: true, force: true });
      return {
        ours_s: ours,
        peer: 'same checks, one model at a time',
        peer_s: oneAtATime,
        extra: {
          models_per_s: Math.round(n / ours),
          // CPU seconds: what the plan costs whatever else the machine runs.
          ours_cpu_s: oursCpu,
          peer_cpu_s: seqCpu,
          plan_peak_rss_mb: Math.round(planPeak),
          setup_rss_mb: Math.round(rss0),
          load_s: plan.report.timings.load,
          check_s: plan.report.timings.check,
          process_per_model_s: Math.round(perProcess * 1000) / 1000,
          processes_est_s: Math.round(perProcess * n * 10) / 10,
        },
      };
    },
  },
];
