/**
 * Plain words for schema rules: what a pattern allows, and the closest allowed value to a
 * mistyped one ("did you mean"). People read these; nobody should have to read a regex.
 */

/**
 * Damerau–Levenshtein distance (optimal string alignment): insertions, deletions, substitutions
 * and swaps of two neighbours each count one, so "wran" is one edit from "warn" and "modle" one
 * from "model". The one measure behind every "did you mean" (config keys and values, CLI flags
 * and commands). Small strings only.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    const prev = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      cur[j] = d;
    }
    rows.push(cur);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** Words people reach for that the schema spells differently. */
const SYNONYMS: Record<string, string> = {
  avg: 'mean',
  average: 'mean',
  p50: 'median',
  minimum: 'min',
  maximum: 'max',
  last_value: 'last',
};

/** The allowed value a typo most likely meant, or undefined when none is close. */
export function closest(value: string, allowed: readonly string[]): string | undefined {
  const v = value.toLowerCase();
  const synonym = SYNONYMS[v];
  if (synonym && allowed.includes(synonym)) return synonym;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const a of allowed) {
    const d = editDistance(v, a.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [a, d];
  }
  // One edit for short words, up to a third of the word for longer ones.
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3))
    ? best
    : undefined;
}

/** `(did you mean "x"?)` or nothing. */
export function didYouMean(value: unknown, allowed: readonly string[]): string {
  if (typeof value !== 'string') return '';
  const c = closest(value, allowed);
  return c !== undefined && c !== value ? ` (did you mean "${c}"?)` : '';
}

/** Regex fragments of our schemas that are not plain words, said in words. */
const FRAGMENT_WORDS: Record<string, string> = {
  'p\\d{1,2}(\\.\\d+)?': 'pNN (a percentile, e.g. p95 or p99.9)',
};

/** Characters of a class like `a-z0-9._-` in words; `one` for "starting with a …". */
function classWords(cls: string, one = false): string {
  const parts: string[] = [];
  let rest = cls;
  const ranges: [string, string, string][] = [
    ['A-Za-z', 'letters', 'a letter'],
    ['a-z', 'lowercase letters', 'a lowercase letter'],
    ['A-Z', 'capital letters', 'a capital letter'],
    ['0-9', 'digits', 'a digit'],
  ];
  for (const [r, many, single] of ranges) {
    if (rest.includes(r)) {
      parts.push(one ? single : many);
      rest = rest.replace(r, '');
    }
  }
  for (const c of rest.replace(/\\/g, '')) parts.push(`"${c}"`);
  const last = parts.pop() ?? '';
  return parts.length ? `${parts.join(', ')} ${one ? 'or' : 'and'} ${last}` : last;
}

export interface PatternWords {
  /** "one of mean, min, …" or "lowercase letters, digits, …". */
  text: string;
  /** The plain alternatives, for "did you mean". */
  alternatives?: string[];
}

/** A schema pattern in words, or undefined when it has no plain reading. */
export function describePattern(pattern: string): PatternWords | undefined {
  const alt = /^\^\((.*)\)\$$/.exec(pattern);
  if (alt) {
    const items = (alt[1] as string).split('|');
    const plain = items.filter((i) => /^[A-Za-z0-9_]+$/.test(i));
    const words = items.map((i) => (/^[A-Za-z0-9_]+$/.test(i) ? i : (FRAGMENT_WORDS[i] ?? i)));
    return { text: `one of ${words.join(', ')}`, alternatives: plain };
  }
  const name = /^\^\[([^\]]+)\]\[([^\]]+)\](?:\*|\{0,(\d+)\})\$$/.exec(pattern);
  if (name) {
    const most = name[3] === undefined ? '' : `, at most ${Number(name[3]) + 1} characters`;
    return {
      text: `only ${classWords(name[2] as string)}, starting with ${classWords(name[1] as string, true)}${most}`,
    };
  }
  const only = /^\^\[([^\]]+)\]\+\$$/.exec(pattern);
  if (only) return { text: `only ${classWords(only[1] as string)}` };
  const prefix = /^\^([a-z0-9]+)(s\?)?:\/\/$/.exec(pattern);
  if (prefix) {
    const scheme = prefix[1] as string;
    return {
      text: prefix[2]
        ? `a URL starting with ${scheme}:// or ${scheme}s://`
        : `a URI starting with ${scheme}://`,
    };
  }
  return undefined;
}

/** A value reshaped to fit a name pattern, e.g. "Reviews Model" → "reviews-model", if it then fits. */
export function fitName(value: unknown, pattern: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = /\[a-z0-9/.test(pattern) && !/A-Z/.test(pattern);
  const candidate = (lower ? value.toLowerCase() : value)
    .replace(/\s+/g, '-')
    .replace(/[^A-Za-z0-9._:-]/g, '');
  return candidate !== value && new RegExp(pattern).test(candidate) ? candidate : undefined;
}
