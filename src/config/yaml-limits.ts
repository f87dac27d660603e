import { isAlias, isScalar, visit, type Document, type LineCounter, type Node } from 'yaml';

/** A config is a page of YAML; anything this large is the wrong file (or an attack). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Aliases in one config; each may expand to a whole subtree (the "billion laughs" bomb). */
export const MAX_ALIASES = 100;

/**
 * Duplicate keys and alias count, checked over the parsed document in one linear pass (a Set per
 * mapping; yaml's own uniqueKeys check compares every pair and hangs on a 300 000-key map).
 */
export function checkYamlLimits(
  doc: Document,
  lc: LineCounter,
): { message: string; line?: number } | null {
  let problem: { message: string; line?: number } | null = null;
  let aliases = 0;
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range ? lc.linePos(node.range[0]).line : undefined;
  visit(doc, {
    Alias(_key, node) {
      if (++aliases > MAX_ALIASES) {
        problem = {
          message: `more than ${MAX_ALIASES} YAML aliases (*name); write the values out instead of repeating aliases`,
          line: lineOf(node),
        };
        return visit.BREAK;
      }
      return undefined;
    },
    Map(_key, map) {
      const seen = new Map<string, number | undefined>();
      for (const pair of map.items) {
        const key = pair.key as Node | null;
        const name = isScalar(key)
          ? String(key.value)
          : isAlias(key)
            ? `*${key.source}`
            : JSON.stringify(key);
        const line = lineOf(key);
        if (seen.has(name)) {
          const first = seen.get(name);
          problem = {
            message: `duplicate key "${name}"${first ? ` (first on line ${first})` : ''}; keep one of them`,
            line,
          };
          return visit.BREAK;
        }
        seen.set(name, line);
      }
      return undefined;
    },
  });
  return problem;
}

/** The first NaN or ±Infinity (`.nan`, `.inf`, `1e999`) in the data, with its path (`train.parameters` excepted). */
export function nonFiniteNumber(
  data: unknown,
): { path: (string | number)[]; value: number } | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    // The notebook's own parameters pass through as Python values: float('inf') is one.
    if (path.length === 2 && path[0] === 'train' && path[1] === 'parameters') continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return { path, value };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: [...path, i] });
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>).reverse();
      for (const [k, v] of entries) stack.push({ value: v, path: [...path, k] });
    }
  }
  return null;
}

/** Line of the first alias, where an expansion that went too far starts. */
export function firstAliasLine(doc: Document, lc: LineCounter): number | undefined {
  let line: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      line = node.range ? lc.linePos(node.range[0]).line : undefined;
      return visit.BREAK;
    },
  });
  return line;
}
