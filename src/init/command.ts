import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { INIT_USAGE, flagError, isFlagError, selfCommand } from '../cli/usage.js';
import { UserError, errorMessage } from '../errors.js';
import { THROWAWAY_ENV } from '../registry-durability.js';
import { PATHS } from './config-file.js';
import { mergeGitignore } from './gitignore.js';
import { INIT_HELP, INIT_OPTION_NAMES, parseInitArgs, usesAws } from './options.js';
import { planStarter } from './plan.js';
import { readTemplate } from './templates.js';

/** `model-retrain init`: writes the starter, refusing to overwrite unless --force. Exit code. */
export function initCommand(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(INIT_HELP);
    return 0;
  }
  try {
    const o = parseInitArgs(argv, (dir) => basename(resolve(dir)));
    const root = resolve(o.dir);
    const files = planStarter(
      o,
      { notebook: readTemplate('train.ipynb'), requirements: readTemplate('requirements.txt') },
      Date.now(),
    );
    const existing = files.filter((f) => existsSync(join(root, f.path))).map((f) => f.path);
    if (existing.length > 0 && !o.force) {
      throw new UserError(
        `init: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''} in ${root}; nothing was written (--force overwrites)`,
      );
    }
    for (const f of files) {
      const path = join(root, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
      console.log(`wrote ${f.path.padEnd(38)} ${f.what}`);
    }
    // .gitignore is the user's file: lines are added, never replaced.
    const ignorePath = join(root, PATHS.gitignore);
    const before = existsSync(ignorePath) ? readFileSync(ignorePath, 'utf8') : null;
    const ignore = mergeGitignore(before, o);
    if (ignore !== null) {
      writeFileSync(ignorePath, ignore);
      console.log(
        `${before === null ? 'wrote' : 'updated'} ${PATHS.gitignore.padEnd(38)} what runs leave behind (reports, a local registry)`,
      );
    }
    const durable = o.registry.startsWith('s3://');
    if (!durable) console.error(`\n${throwawayWarning(o.registry)}`);
    console.log(nextSteps(o.source, usesAws(o), o.gpu, durable));
    return 0;
  } catch (error) {
    if (isFlagError(error)) {
      console.error(flagError(error, INIT_OPTION_NAMES, INIT_USAGE));
      return 2;
    }
    console.error(`error: ${errorMessage(error)}`);
    return 1;
  }
}

/** Said when init writes a workflow whose registry would not outlive a job. */
function throwawayWarning(registry: string): string {
  return `warning: publish.registry is "${registry}", a folder in this repository: fine for trying the loop on this machine, but every GitHub Actions job starts from a fresh checkout, so the workflow would keep no model (each run would retrain and publish version 1 again). The action fails with this reason until the registry is durable: run init again with --registry s3://BUCKET/PREFIX --force (or set publish.registry in ${PATHS.config}); for a throwaway experiment only, set ${THROWAWAY_ENV}: 'true' in the workflow's env.`;
}

function nextSteps(source: string, aws: boolean, gpu: boolean, durable: boolean): string {
  const self = selfCommand();
  const steps = [
    `try it here (Python with training/requirements.txt installed): ${self} --mode check (the gate), ${self} (check, then retrain: the cold start publishes version 1), ${self} versions`,
    ...(durable
      ? []
      : [
          `before you push: give the workflow a durable registry (${self} init --registry s3://BUCKET/PREFIX --force)`,
        ]),
    ...(source === 'datadog'
      ? ['add the secrets DATADOG_API_KEY and DATADOG_APP_KEY (the check job reads metrics)']
      : []),
    ...(aws
      ? [
          'create an IAM role trusting GitHub OIDC for this repository and set the variable MODEL_REGISTRY_ROLE',
        ]
      : []),
    ...(gpu
      ? ['register a self-hosted runner with the label "gpu" (NVIDIA driver, nvidia-smi)']
      : []),
    'commit and push; the workflow runs every 6 hours and from the Actions tab',
  ];
  return `\nNext:\n${steps.map((s) => `  - ${s}`).join('\n')}`;
}
