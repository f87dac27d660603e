import { isAbsolute } from 'node:path';
import type { InitOptions } from './options.js';

/** actionlint's config: the self-hosted label the GPU job asks for is a known one. */
export const ACTIONLINT = `# Written by \`model-retrain init --gpu\`: the training job runs on [self-hosted, gpu].
self-hosted-runner:
  labels: [gpu]
`;

/** What runs leave behind in the repository, one .gitignore line each, with why. */
export function ignoredPaths(o: InitOptions): { line: string; why: string }[] {
  const local = !o.registry.startsWith('s3://') && !isAbsolute(o.registry);
  return [
    {
      line: '/.model-retrain/',
      why: 'run reports, summaries and executed notebooks of local runs',
    },
    ...(local
      ? [
          {
            line: `/${o.registry.replace(/^\.\//, '').replace(/\/+$/, '')}/`,
            why: 'the local registry',
          },
        ]
      : []),
    { line: '__pycache__/', why: "the notebook's Python" },
    { line: '.ipynb_checkpoints/', why: 'Jupyter' },
  ];
}

/**
 * The .gitignore after init: the existing text with the missing lines appended (never a line
 * removed), or null when nothing is missing.
 */
export function mergeGitignore(existing: string | null, o: InitOptions): string | null {
  const have = new Set((existing ?? '').split('\n').map((l) => l.trim()));
  const missing = ignoredPaths(o).filter((p) => !have.has(p.line));
  if (missing.length === 0) return null;
  // A .gitignore comment must have a line of its own: `#` after a pattern is part of it.
  const block = [
    '# What model-retrain runs leave behind (written by `model-retrain init`)',
    ...missing.flatMap((p) => [`# ${p.why}`, p.line]),
  ].join('\n');
  const head = existing && !existing.endsWith('\n') ? `${existing}\n` : (existing ?? '');
  return `${head}${head ? '\n' : ''}${block}\n`;
}
