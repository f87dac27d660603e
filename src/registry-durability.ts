import { resolve, sep } from 'node:path';

/** The explicit opt-in for a registry that is thrown away with the job (experiments only). */
export const THROWAWAY_ENV = 'MODEL_RETRAIN_THROWAWAY_REGISTRY';

function inside(dir: string, base: string | undefined): boolean {
  if (!base) return false;
  const b = resolve(base);
  return dir === b || dir.startsWith(b.endsWith(sep) ? b : b + sep);
}

/**
 * Why publish.registry would not outlive this GitHub Actions job, or null. Every job starts
 * from a fresh checkout on a runner whose temporary folder (and, when GitHub hosts it, whole
 * disk) is discarded: a registry there keeps no model, so every scheduled run would be a cold
 * start that publishes version 1 again, green. Outside Actions, and with the opt-in, null. Pure.
 */
export function throwawayRegistryProblem(
  registry: string,
  root: string,
  env: NodeJS.ProcessEnv,
): string | null {
  if (env.GITHUB_ACTIONS !== 'true' || /^s3:/i.test(registry)) return null;
  if (['true', '1', 'yes'].includes((env[THROWAWAY_ENV] ?? '').trim().toLowerCase())) return null;
  const dir = resolve(root, registry);
  let where: string;
  if (inside(dir, env.GITHUB_WORKSPACE))
    where = "inside the job's checkout, which every job starts afresh";
  else if (inside(dir, env.RUNNER_TEMP))
    where = "in the runner's temporary folder, which is emptied after every job";
  else if (env.RUNNER_ENVIRONMENT === 'github-hosted')
    where = 'on a GitHub-hosted runner, whose disk is discarded after every job';
  else return null;
  return (
    `publish.registry: "${registry}" is a local folder (${dir}) ${where}: nothing published ` +
    'there outlives this job, so every run would find no model, retrain from scratch and publish ' +
    'version 1 again. Use an S3 registry (publish.registry: s3://BUCKET/PREFIX, with credentials ' +
    'from aws-actions/configure-aws-credentials; `init --registry s3://BUCKET/PREFIX` writes both), ' +
    'or a folder outside the checkout on a self-hosted runner that keeps it; for a throwaway ' +
    `experiment only, set ${THROWAWAY_ENV}: 'true' in the workflow's env.`
  );
}
