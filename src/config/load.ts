import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import {
  checkYamlLimits,
  firstAliasLine,
  MAX_CONFIG_BYTES,
  nonFiniteNumber,
} from './yaml-limits.js';
import { UserError } from '../errors.js';
import { configSchema } from './schema.js';
import type { Config } from './types.js';
import { compileSchema, describeSchemaError, pathToField } from './validate-schema.js';
import { checkSemantics } from './semantics.js';
import { mergeDefaults } from './defaults.js';
import { typedValueAt } from '../train/pyvalue.js';

// Compiled on first use, not at start-up: compiling is most of what loading this module costs.
let compiled: ReturnType<typeof compileSchema<Omit<Config, 'file' | 'root'>>> | undefined;

/**
 * Reads and validates the config file. Every problem becomes one UserError that names
 * the field, the file and the line, and says what to do.
 */
export function loadConfig(path: string, root: string, defaults?: Record<string, unknown>): Config {
  const file = isAbsolute(path) ? path : resolve(root, path);
  if (!existsSync(file)) {
    throw new UserError(
      `config: file ${path} not found (looked in ${file}). Create it (see the README's "Config file" section) or point the "config" input at it.`,
    );
  }
  const stat = statSync(file);
  if (stat.isDirectory()) {
    throw new UserError(
      `config: ${path} is a directory (${file}); point the "config" input at the YAML file inside it, e.g. ${path.replace(/\/+$/, '')}/model-retrain.yml`,
      { file },
    );
  }
  if (stat.size > MAX_CONFIG_BYTES) {
    throw new UserError(
      `${file}: the config file is ${stat.size} bytes; a config is at most ${MAX_CONFIG_BYTES} bytes. Is "config" pointing at the right file?`,
      { file },
    );
  }
  return parseConfig(readFileSync(file, 'utf8'), file, root, defaults);
}

/**
 * Parses config text; exported for tests that need no file. `defaults` (a fleet file's shared
 * sections) lie under the file's own values: the file wins, key by key.
 */
export function parseConfig(
  text: string,
  file: string,
  root = dirname(file),
  defaults?: Record<string, unknown>,
): Config {
  const lineCounter = new LineCounter();
  // Duplicate keys are found by checkYamlLimits in linear time (yaml's own check is quadratic).
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = err.linePos?.[0]?.line;
    throw new UserError(
      `${file}${line ? `:${line}` : ''}: invalid YAML: ${err.message.split('\n')[0]}`,
      { file, line },
    );
  }
  const limit = checkYamlLimits(doc, lineCounter);
  if (limit) {
    throw new UserError(`${file}${limit.line ? `:${limit.line}` : ''}: ${limit.message}`, {
      file,
      line: limit.line,
    });
  }
  let own: unknown;
  try {
    own = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    const line = firstAliasLine(doc, lineCounter);
    throw new UserError(
      `${file}${line ? `:${line}` : ''}: YAML aliases expand too far (${(e as Error).message.split('\n')[0]}); write the values out instead of nesting aliases`,
      { file, line },
    );
  }
  const data: unknown = defaults ? mergeDefaults(defaults, own) : own;
  const validate = (compiled ??= compileSchema<Omit<Config, 'file' | 'root'>>(configSchema));
  const bad = nonFiniteNumber(data);
  if (bad) {
    const line = lineOf(doc, lineCounter, bad.path);
    throw new UserError(
      `${file}${line ? `:${line}` : ''}: ${pathToField(bad.path)}: ${String(bad.value)} is not a finite number; write a number such as 0.2`,
      { file, line },
    );
  }
  if (!validate(data)) {
    const { path, message } = describeSchemaError(validate.errors ?? []);
    const line = lineOf(doc, lineCounter, path);
    throw new UserError(`${file}${line ? `:${line}` : ''}: ${message}`, { file, line });
  }
  const config: Config = { ...(data as Omit<Config, 'file' | 'root'>), file, root };
  // Numbers written as floats (1.0) stay floats on their way to the notebook.
  const parameters = typedValueAt(doc, ['train', 'parameters']);
  if (parameters !== undefined)
    config.train.parameters = {
      ...config.train.parameters,
      ...(parameters as Record<string, unknown>),
    };
  config.trigger ??= {};
  config.report ??= {};
  // A performance-only policy has no series and no drift checks.
  config.metrics.series ??= [];
  config.gate.checks ??= [];
  const problem = checkSemantics(config);
  if (problem) {
    const line = lineOf(doc, lineCounter, problem.path);
    throw new UserError(
      `${file}${line ? `:${line}` : ''}: ${pathToField(problem.path)}: ${problem.message}`,
      { file, line },
    );
  }
  return config;
}

/** Line of the deepest existing node along `path` (the key itself for unknown keys). */
function lineOf(doc: Document, lc: LineCounter, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    const node = sub.length ? doc.getIn(sub, true) : doc.contents;
    const keyLine = keyNodeLine(doc, lc, sub);
    if (keyLine) return keyLine;
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}

/** For a map key, prefer the key's own line (the value may start on the next line). */
function keyNodeLine(
  doc: Document,
  lc: LineCounter,
  path: (string | number)[],
): number | undefined {
  if (path.length === 0) return undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (parent && typeof parent === 'object' && 'items' in parent && Array.isArray(parent.items)) {
    for (const item of parent.items as unknown[]) {
      if (item && typeof item === 'object' && 'key' in item) {
        const key = (item as { key: unknown }).key;
        if (isNode(key) && (key as { value?: unknown }).value === last && key.range)
          return lc.linePos(key.range[0]).line;
      }
    }
  }
  return undefined;
}
