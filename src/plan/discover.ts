import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { matchesAny } from '../trigger/glob.js';

/** Folders never searched: they hold no model configs and can be huge. */
const SKIP = new Set(['.git', 'node_modules', '.cache']);

/**
 * The files under `root` selected by `patterns` (GitHub's path-filter dialect: `*`, `**`, `?`,
 * `!` excludes), repository-relative with `/`, sorted. Only the folders below each pattern's
 * fixed prefix are walked.
 */
export function findConfigs(root: string, patterns: readonly string[]): string[] {
  const bases = new Set<string>();
  for (const p of patterns) {
    if (p.startsWith('!')) continue;
    bases.add(fixedPrefix(p));
  }
  const found = new Set<string>();
  for (const base of [...bases].sort()) {
    for (const rel of walk(root, base)) if (matchesAny(rel, patterns)) found.add(rel);
  }
  return [...found].sort();
}

/** "a/b/*.yml" → "a/b"; "a/b.yml" → "a"; "**\/x.yml" → "". */
export function fixedPrefix(pattern: string): string {
  const parts = pattern.replace(/\\/g, '/').replace(/^\.\//, '').split('/');
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (/[*?]/.test(part)) break;
    fixed.push(part);
  }
  return fixed.join('/');
}

function walk(root: string, rel: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(join(root, rel), { withFileTypes: true });
  } catch {
    return out; // a prefix that does not exist selects nothing; the caller says so
  }
  for (const e of entries) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!SKIP.has(e.name)) out.push(...walk(root, path));
    } else if (e.isFile()) out.push(path);
  }
  return out;
}
