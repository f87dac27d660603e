/**
 * Publishes one version in a separate process and SIGKILLs itself right after the step named by
 * CRASH_AT (claim, file:<k>, manifest, triton, alias, history): a real crash, no cleanup code runs.
 * Input in env: PUBLISH_CONFIG (JSON), MODEL_DIR, RUN_KEY, ROOT; optional MODEL (default churn)
 * and VALIDATED_AGAINST (JSON: the champion the challenger was compared with).
 */
import type { PublishConfig } from '../../src/registry/config.js';
import { openRegistry } from '../../src/registry/index.js';
import { testContext } from './helpers.js';

const env = process.env;
const config = JSON.parse(env.PUBLISH_CONFIG as string) as PublishConfig;
const crashAt = env.CRASH_AT;
const root = env.ROOT as string;
const registry = openRegistry(config, env.MODEL ?? 'churn', testContext(root, 'crash'), {
  fileConcurrency: 1,
  onStep: (step) => {
    if (step === crashAt) process.kill(process.pid, 'SIGKILL');
  },
});
const pub = await registry.publish({
  modelDir: env.MODEL_DIR as string,
  extraFiles: [],
  metrics: { auc: 0.95 },
  lineage: { run: env.RUN_KEY },
  runKey: env.RUN_KEY as string,
  moveAlias: true,
  ...(env.VALIDATED_AGAINST ? { validatedAgainst: JSON.parse(env.VALIDATED_AGAINST) } : {}),
});
await registry.close();
process.stdout.write(`${JSON.stringify(pub)}\n`);
