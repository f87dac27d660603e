// Types are checked by `npm run build` (tsc); ncc only transpiles and bundles.
// Builds the committed bundles: dist/index.js (the action) and dist/cli/index.js (the CLI),
// plus the config JSON Schema for editors. ncc emits ESM because package.json says "type": "module".
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, readdirSync, rmSync } from 'node:fs';

const ncc = [
  'node_modules/@vercel/ncc/dist/ncc/cli.js',
  'build',
  '--minify',
  '--quiet',
  '--transpile-only',
  '--target',
  'es2022',
];
rmSync('dist', { recursive: true, force: true });
execFileSync(
  process.execPath,
  [...ncc, 'src/index.ts', '-o', 'dist', '--license', 'licenses.txt'],
  { stdio: 'inherit' },
);
execFileSync(process.execPath, [...ncc, 'src/cli.ts', '-o', 'dist/cli'], { stdio: 'inherit' });
chmodSync('dist/cli/index.js', 0o755); // the package's `model-retrain` bin
// `model-retrain init` reads its notebook and requirements templates beside the bundle.
cpSync('src/init/templates', 'dist/cli/templates', { recursive: true });
// The built-in engine and the interpreter preflight are Python: each bundle finds them in its
// own folder (src/train/driver.ts).
const python = readdirSync('src/train/python').filter((f) => f.endsWith('.py'));
for (const dir of ['dist', 'dist/cli']) {
  for (const f of python) copyFileSync(`src/train/python/${f}`, `${dir}/${f}`);
}
execFileSync(process.execPath, ['scripts/write-schema.mjs'], { stdio: 'inherit' });
