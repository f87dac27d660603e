/**
 * A small path glob matcher in the dialect of GitHub's `on.push.paths` filters
 * (Node 20 has no path.matchesGlob): `*` and `?` stay inside one folder, `**` crosses
 * folders, a trailing `/` means everything below, and `!pattern` excludes what earlier
 * patterns matched (order matters, as in GitHub's filters).
 */
export function globToRegExp(pattern: string): RegExp {
  let p = normalisePath(pattern);
  if (p.endsWith('/')) p += '**';
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as string;
    if (c === '*') {
      if (p[i + 1] === '*') {
        const atSegmentStart = i === 0 || p[i - 1] === '/';
        i++;
        if (atSegmentStart && p[i + 1] === '/') {
          re += '(?:.*/)?'; // "**/" matches zero or more folders
          i++;
        } else if (p[i - 2] === '/' && i === p.length - 1) {
          re = re.slice(0, -1) + '(?:/.*)?'; // "dir/**" also matches "dir" itself
        } else {
          re += '.*';
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else {
      re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

/** Compiled patterns, kept because a push can list thousands of files against the same globs. */
const compiled = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = globToRegExp(pattern);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/** True when `path` is selected by the patterns (later `!` patterns exclude). */
export function matchesAny(path: string, patterns: readonly string[]): boolean {
  const file = normalisePath(path);
  let selected = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (negated === selected && compile(negated ? pattern.slice(1) : pattern).test(file)) {
      selected = !negated;
    }
  }
  return selected;
}

function normalisePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
}
