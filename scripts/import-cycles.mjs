#!/usr/bin/env node
/**
 * Finds import circles among the TypeScript files under a folder (default src/): every relative
 * import, export-from and dynamic import, type-only ones included. Prints each circle and exits
 * 1 when there is one. Usage: node scripts/import-cycles.mjs [folder]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const SPEC = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s*)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Relative imports of one file's text, resolved to .ts paths. */
export function importsOf(file, text) {
  const out = new Set();
  for (const m of text.matchAll(SPEC)) {
    const target = resolve(dirname(file), m[1]).replace(/\.js$/, '.ts');
    out.add(target.endsWith('.ts') ? target : `${target}.ts`);
  }
  return [...out];
}

/** Strongly connected components with more than one file, or a file importing itself. */
export function cycles(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const found = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

export function importGraph(root) {
  const graph = new Map();
  for (const f of tsFiles(root)) graph.set(f, importsOf(f, readFileSync(f, 'utf8')));
  return graph;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(process.argv[2] ?? 'src');
  const graph = importGraph(root);
  const found = cycles(graph);
  for (const c of found)
    console.log(`import circle: ${c.map((f) => relative(process.cwd(), f)).join(' ↔ ')}`);
  console.log(`${graph.size} files, ${found.length} import circle(s)`);
  process.exit(found.length > 0 ? 1 : 0);
}
