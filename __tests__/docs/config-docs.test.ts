import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/load.js';
import { configSchema } from '../../src/config/schema.js';
import { compileSchema, describeSchemaError } from '../../src/config/validate-schema.js';
import type { GateConfig } from '../../src/gate/config.js';
import { gateConfigProblem } from '../../src/gate/validate-config.js';
import { checkValidateConfig } from '../../src/validate/check.js';
import type { ValidateConfig } from '../../src/validate/config.js';

/**
 * docs/config.md is the config reference: every key the JSON Schema accepts must have a row in
 * it, every row must name a key the schema still accepts, documented defaults must match the
 * schema's, and every YAML example must load. A key added, renamed or removed in a room's
 * config.ts fails here until the reference follows.
 */

const DOC_PATH = resolve(import.meta.dirname, '../../docs/config.md');
const doc = readFileSync(DOC_PATH, 'utf8');

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode | SchemaNode[] | boolean;
  additionalProperties?: SchemaNode | boolean;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  default?: unknown;
  required?: readonly string[];
}

interface KeyPath {
  path: string;
  node: SchemaNode;
}

/**
 * Every key path the schema accepts, in the doc's notation: dotted properties, `[]` for the
 * items of a list, `<name>` for the keys of a map (additionalProperties with a schema).
 */
export function schemaPaths(schema: SchemaNode, prefix = ''): KeyPath[] {
  const out: KeyPath[] = [];
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.push({ path, node: child });
    out.push(...schemaPaths(child, path));
  }
  const items = schema.items;
  if (Array.isArray(items)) for (const item of items) out.push(...schemaPaths(item, `${prefix}[]`));
  else if (items && typeof items === 'object') out.push(...schemaPaths(items, `${prefix}[]`));
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object') {
    const path = `${prefix}.<name>`;
    out.push({ path, node: extra });
    out.push(...schemaPaths(extra, path));
  }
  for (const alt of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    out.push(...schemaPaths(alt, prefix));
  }
  return out;
}

/** Table rows whose first cell is one backticked key: path → the other cells. */
export function documentedRows(markdown: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of markdown.split('\n')) {
    const m = /^\|\s*`([^`]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (!m) continue;
    // Cells split on unescaped pipes (the doc writes alternatives as `a` \| `b`).
    const cells = (m[2] as string).split(/(?<!\\)\|/).map((c) => c.trim());
    rows.set(m[1] as string, cells);
  }
  return rows;
}

const TOP_LEVEL = Object.keys(configSchema.properties);
const isConfigPath = (key: string) =>
  TOP_LEVEL.some((top) => key === top || key.startsWith(`${top}.`) || key.startsWith(`${top}[`));

/** The fenced YAML examples of a markdown text. */
function yamlBlocks(markdown: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const re = /^```yaml\n([\s\S]*?)^```$/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(markdown))) {
    out.push({ text: m[1] as string, line: markdown.slice(0, m.index).split('\n').length });
  }
  return out;
}

const paths = schemaPaths(configSchema as unknown as SchemaNode);
const rows = documentedRows(doc);
const properties = configSchema.properties as unknown as Record<string, SchemaNode>;

describe('schemaPaths', () => {
  it('reaches nested objects, list items, map values and alternatives', () => {
    const names = paths.map((p) => p.path);
    expect(names).toEqual(
      expect.arrayContaining([
        'metrics.prometheus.step',
        'metrics.series[].categorical',
        'gate.checks[].persistence.breaches',
        'validate.metrics.<name>',
        'validate.metrics.<name>.floor',
        'report.notify.webhook.retry_delay',
      ]),
    );
    expect(
      schemaPaths({
        properties: {
          a: {
            anyOf: [{ properties: { b: {} } }, { type: 'string' } as SchemaNode],
            items: { properties: { c: {} } },
          },
        },
      }).map((p) => p.path),
    ).toEqual(['a', 'a[].c', 'a.b']);
  });

  it('reports a key the reference lacks', () => {
    const without = doc
      .split('\n')
      .filter((l) => !/^\|\s*`metrics\.prometheus\.step`\s*\|/.test(l))
      .join('\n');
    const missing = paths.map((p) => p.path).filter((p) => !documentedRows(without).has(p));
    expect(missing).toEqual(['metrics.prometheus.step']);
  });
});

describe('docs/config.md', () => {
  it.each(paths.map((p) => [p.path, p.node] as const))('documents %s', (path) => {
    expect(rows.has(path), `add a row "| \`${path}\` | type | default | what it does |"`).toBe(
      true,
    );
  });

  it('documents only keys the schema accepts', () => {
    const known = new Set(paths.map((p) => p.path));
    const stale = [...rows.keys()].filter((key) => isConfigPath(key) && !known.has(key));
    expect(stale).toEqual([]);
  });

  it.each(
    paths
      .filter((p) => p.node.default !== undefined && typeof p.node.default !== 'object')
      .map((p) => [p.path, p.node.default] as const),
  )('gives the schema default of %s (%j)', (path, value) => {
    const defaultCell = rows.get(path)?.[1] ?? '';
    expect(defaultCell).toContain(String(value));
  });

  it.each(
    paths
      .filter((p) => Array.isArray(p.node.default))
      .map((p) => [p.path, p.node.default as unknown[]] as const),
  )('gives the list default of %s', (path, values) => {
    const defaultCell = rows.get(path)?.[1] ?? '';
    for (const v of values) expect(defaultCell).toContain(String(v));
  });

  it('marks required keys as required', () => {
    const requiredPaths: string[] = [];
    const collect = (node: SchemaNode, prefix: string) => {
      for (const key of node.required ?? []) {
        requiredPaths.push(prefix ? `${prefix}.${key}` : key);
      }
    };
    collect(configSchema as unknown as SchemaNode, '');
    for (const { path, node } of paths) {
      if (node.items && typeof node.items === 'object' && !Array.isArray(node.items))
        collect(node.items, `${path}[]`);
      else collect(node, path);
    }
    const notMarked = requiredPaths.filter((p) => !/required/.test(rows.get(p)?.[1] ?? ''));
    expect(notMarked).toEqual([]);
  });

  it('has an example per top-level section and a complete config per metrics source', () => {
    const blocks = yamlBlocks(doc).map((b) => parse(b.text) as Record<string, unknown>);
    for (const top of TOP_LEVEL.filter((k) => k !== '$schema')) {
      expect(
        blocks.some((b) => b && top in b),
        `a YAML example of ${top}`,
      ).toBe(true);
    }
    const complete = blocks.filter((b) => configSchema.required.every((k) => k in (b ?? {})));
    const sources = complete.map((b) => (b.metrics as { source: string }).source);
    expect([...new Set(sources)].sort()).toEqual(['datadog', 'file', 'prometheus', 's3']);
  });

  it.each(yamlBlocks(doc).map((b) => [b.line, b.text] as const))(
    'YAML example at line %i is valid',
    (_line, text) => {
      const data = parse(text) as Record<string, unknown>;
      expect(data && typeof data === 'object', 'an example is a mapping of sections').toBe(true);
      for (const [section, value] of Object.entries(data)) {
        const schema = properties[section];
        expect(schema, `"${section}" is a top-level key`).toBeDefined();
        const validate = compileSchema(schema as object);
        const sectionValue = structuredClone(value);
        const ok = validate(sectionValue);
        const why = ok ? '' : describeSchemaError(validate.errors ?? []).message;
        expect(why, `${section}: ${why}`).toBe('');
        // The rules beyond the schema that need nothing but the section itself.
        if (section === 'gate') expect(gateConfigProblem(sectionValue as GateConfig)).toBeNull();
        if (section === 'validate')
          expect(checkValidateConfig(sectionValue as ValidateConfig)).toBeNull();
      }
      if (!configSchema.required.every((k) => k in data)) return;
      // A complete config must load like a real one: cross-references, the notebook's existence.
      const root = mkdtempSync(join(tmpdir(), 'config-docs-'));
      const notebook = join(root, (data.train as { notebook: string }).notebook);
      mkdirSync(dirname(notebook), { recursive: true });
      writeFileSync(notebook, '{}');
      expect(() => parseConfig(text, join(root, 'model-retrain.yml'), root)).not.toThrow();
    },
  );
});
