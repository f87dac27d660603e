import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';

/**
 * A number the config wrote as a float (`1.0`, `-0.0`, `4.0`, `1e-3`, `.inf`). JavaScript has one
 * number type, so `1.0` would otherwise reach the notebook as the int `1` — and in scikit-learn
 * `max_features=1.0` (all features) and `max_features=1` (one feature) differ. JSON sees the
 * plain number (reports, outputs); the parameter writers (params.ts) see the float.
 */
export class PyFloat {
  constructor(readonly value: number) {}
  toJSON(): number {
    return this.value;
  }
  valueOf(): number {
    return this.value;
  }
}

/** YAML 1.2 core integers: anything else the core schema reads as a number is a float. */
const CORE_INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;

/** Whether a parsed scalar is a float in the config's YAML (by its tag, else its source text). */
function isFloatScalar(node: { value: unknown; tag?: string; source?: string }): boolean {
  if (typeof node.value !== 'number') return false;
  if (node.tag) return node.tag.endsWith(':float') || node.tag === '!!float';
  if (!Number.isInteger(node.value)) return true;
  return node.source !== undefined && !CORE_INT.test(node.source.trim());
}

/**
 * The value at `path` of a parsed YAML document, as toJS() would give it except that numbers
 * written as floats are PyFloat. Undefined when the path is absent.
 */
export function typedValueAt(doc: Document, path: (string | number)[]): unknown {
  const node = doc.getIn(path, true);
  if (node === undefined) return undefined;
  return typed(doc, node as Node);
}

function typed(doc: Document, node: unknown): unknown {
  if (isAlias(node)) return typed(doc, node.resolve(doc));
  if (isScalar(node)) {
    // `!!float 3`: the yaml package leaves a tagged integer text as the string "3".
    if (node.tag?.endsWith(':float') && typeof node.value === 'string') {
      const n = Number(node.value.trim());
      if (node.value.trim() !== '' && !Number.isNaN(n)) return new PyFloat(n);
    }
    return isFloatScalar(node as { value: unknown; tag?: string; source?: string })
      ? new PyFloat(node.value as number)
      : node.toJS(doc);
  }
  if (isSeq(node)) return node.items.map((item) => typed(doc, item));
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out[key] = typed(doc, pair.value);
    }
    return out;
  }
  return (node as { toJS?: (d: Document) => unknown })?.toJS?.(doc) ?? node;
}

/** Python's float literal for a finite number: always a dot or an exponent, the sign of zero kept. */
export function floatLiteral(n: number): string {
  if (Object.is(n, -0)) return '-0.0';
  const text = JSON.stringify(n);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}
