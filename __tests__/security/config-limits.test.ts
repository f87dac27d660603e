import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { UserError } from '../../src/errors.js';

const root = mkdtempSync(join(tmpdir(), 'mra-limits-'));
const file = join(root, 'model-retrain.yml');

function failure(text: string): UserError {
  try {
    parseConfig(text, file, root);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected a config error');
}

describe('YAML limits at load time', () => {
  // 50 000 keys: yaml's own uniqueKeys check made 1.25e9 comparisons here (300 000 keys: 4.5e10,
  // hours); the Set per mapping makes 50 000. The 300 000-key file goes through the bundle
  // (__tests__/security/corpus.test.ts), where the size bound refuses it before parsing.
  it('a duplicate among 50 000 keys is found with both lines', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `  k${i}: 1`);
    keys.push('  k17: 2');
    const e = failure(`model:\n  name: m\nextra:\n${keys.join('\n')}\n`);
    expect(e.message).toMatch(
      /:50004: duplicate key "k17" \(first on line 21\); keep one of them$/,
    );
    expect(e.where?.line).toBe(50_004);
  });

  it('more than 100 aliases stop with the file and line', () => {
    const rows = ['a: &a 1', ...Array.from({ length: 101 }, (_, i) => `b${i}: *a`)];
    const e = failure(rows.join('\n'));
    expect(e.message).toBe(
      `${file}:102: more than 100 YAML aliases (*name); write the values out instead of repeating aliases`,
    );
  });

  it('an alias bomb stops with the file and line', () => {
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [prev, name] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi'].map((p) =>
      p.split(''),
    ))
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    const e = failure(rows.join('\n'));
    expect(e.message).toMatch(/model-retrain\.yml:2: YAML aliases expand too far/);
  });

  it('a few aliases expanding too far stop with the file', () => {
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    rows.push(`b: &b [${Array(40).fill('*a').join(',')}]`);
    rows.push(`c: &c [${Array(40).fill('*b').join(',')}]`);
    const e = failure(rows.join('\n'));
    expect(e.message).toContain(file);
    expect(e.message).toMatch(/alias/i);
  });

  it.each([
    ['.nan', 'NaN'],
    ['.inf', 'Infinity'],
    ['-.Inf', '-Infinity'],
    ['1e999', 'Infinity'],
  ])('%s where a number is expected names the field and line', (value, shown) => {
    const e = failure(`model:\n  name: m\ngate:\n  checks:\n    - alert: ${value}\n`);
    expect(e.message).toBe(
      `${file}:5: gate.checks[0].alert: ${shown} is not a finite number; write a number such as 0.2`,
    );
    expect(e.where).toEqual({ file, line: 5 });
  });

  it('a config path that is a directory says so', () => {
    mkdirSync(join(root, 'cfgdir'), { recursive: true });
    expect(() => loadConfig('cfgdir', root)).toThrow(/config: cfgdir is a directory/);
  });

  it('a config over 1 MiB is refused before parsing', () => {
    const big = join(root, 'big.yml');
    writeFileSync(big, `# ${'x'.repeat(1024 * 1024)}\n`);
    expect(() => loadConfig(big, root)).toThrow(/at most 1048576 bytes/);
  });
});
