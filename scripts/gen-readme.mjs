// Regenerates the README's inputs and outputs tables from action.yml (the single source of truth).
// `node scripts/gen-readme.mjs --check` exits 1 when the README is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const action = parse(readFileSync('action.yml', 'utf8'));
const esc = (s) =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|');

const inputs = [
  '| Input | Description | Default |',
  '| --- | --- | --- |',
  ...Object.entries(action.inputs).map(
    ([name, i]) =>
      `| \`${name}\` | ${esc(i.description)} | ${i.default ? `\`${esc(i.default)}\`` : ''} |`,
  ),
].join('\n');
const outputs = [
  '| Output | Description |',
  '| --- | --- |',
  ...Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${esc(o.description)} |`),
].join('\n');

const readme = readFileSync('README.md', 'utf8');
const replace = (text, tag, body) => {
  const re = new RegExp(`(<!-- BEGIN_${tag} -->)[\\s\\S]*?(<!-- END_${tag} -->)`);
  if (!re.test(text))
    throw new Error(`README.md has no <!-- BEGIN_${tag} --> … <!-- END_${tag} --> block`);
  return text.replace(re, `$1\n${body}\n$2`);
};
const next = replace(replace(readme, 'INPUTS', inputs), 'OUTPUTS', outputs);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md inputs/outputs tables are stale: run `npm run docs`');
    process.exit(1);
  }
} else {
  writeFileSync('README.md', next);
}
