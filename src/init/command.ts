import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError, errorMessage } from '../errors.js';
import { INIT_HELP, parseInitArgs, usesAws } from './options.js';
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
    console.log(nextSteps(o.source, usesAws(o), o.gpu));
    return 0;
  } catch (error) {
    const bad = String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
    console.error(`error: ${errorMessage(error)}${bad ? `\n\n${INIT_HELP}` : ''}`);
    return bad ? 2 : 1;
  }
}

function nextSteps(source: string, aws: boolean, gpu: boolean): string {
  const steps = [
    'try it here: model-retrain (needs Python with training/requirements.txt installed)',
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
