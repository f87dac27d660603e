import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { cycles, importGraph, importsOf } from '../../scripts/import-cycles.mjs';

const root = join(import.meta.dirname, '..', '..');

describe('the registry in small parts', () => {
  it('holds no file over 300 lines', () => {
    const dir = join(root, 'src', 'registry');
    const long = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => ({ f, lines: readFileSync(join(dir, f), 'utf8').split('\n').length - 1 }))
      .filter((x) => x.lines > 300);
    expect(long).toEqual([]);
  });

  it('has no import circle anywhere in src/', () => {
    expect(cycles(importGraph(join(root, 'src')))).toEqual([]);
  });

  it.each([
    { name: 'a chain', graph: { a: ['b'], b: ['c'], c: [] }, want: [] },
    { name: 'two files importing each other', graph: { a: ['b'], b: ['a'] }, want: [['a', 'b']] },
    {
      name: 'a longer circle beside a chain',
      graph: { a: ['b'], b: ['c'], c: ['a'], d: ['a'] },
      want: [['a', 'b', 'c']],
    },
    { name: 'a file importing itself', graph: { a: ['a'] }, want: [['a']] },
  ])('finds circles: $name', ({ graph, want }) => {
    expect(cycles(new Map(Object.entries(graph)))).toEqual(want);
  });

  it('reads type-only, re-export and dynamic imports', () => {
    const text = [
      "import type { A } from './a.js';",
      "export { B } from '../b.js';",
      "const c = await import('./c.js');",
      "import './d.js';",
      "import { e } from 'node:fs';",
    ].join('\n');
    expect(importsOf('/x/y/f.ts', text)).toEqual([
      '/x/y/a.ts',
      '/x/b.ts',
      '/x/y/c.ts',
      '/x/y/d.ts',
    ]);
  });
});
