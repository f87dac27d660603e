// Writes schema/model-retrain.schema.json from the schema the bundle itself validates with,
// so editors (yaml-language-server) validate and complete the config file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const json = execFileSync(process.execPath, ['dist/cli/index.js', '--print-schema'], {
  encoding: 'utf8',
});
mkdirSync('schema', { recursive: true });
writeFileSync('schema/model-retrain.schema.json', json);
