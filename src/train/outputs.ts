import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parseJsonLenient } from './notebook.js';
import type { NotebookMetrics } from './types.js';

const metricMap = {
  type: 'object',
  minProperties: 1,
  propertyNames: { minLength: 1 },
  additionalProperties: { type: 'number' },
} as const;

/** output_dir/metrics.json, the notebook contract. */
export const metricsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['challenger'],
  properties: {
    challenger: metricMap,
    champion: metricMap,
    predictions: { type: 'string', minLength: 1 },
  },
} as const;

// Compiled on first use: a run that trains nothing never pays for it.
let compiled: ReturnType<Ajv['compile']> | undefined;

const FIX =
  'write output_dir/metrics.json as {"challenger": {"<metric>": <number>, ...}, "champion": {...}, "predictions": "<file under output_dir>"} (champion and predictions optional)';

/**
 * Checks a parsed metrics.json against the contract; returns one message naming the field, or
 * null. Pure; the predictions file is checked separately (it needs the disk).
 */
export function metricsProblem(doc: unknown): string | null {
  const validate = (compiled ??= new Ajv({ allErrors: true, strict: false }).compile(
    metricsSchema,
  ));
  if (!validate(doc)) {
    const e = (validate.errors as ErrorObject[])[0] as ErrorObject;
    const field = e.instancePath.slice(1).replace(/\//g, '.') || '(top level)';
    let what = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') {
      what = `has an unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    } else if (e.keyword === 'type' && e.instancePath.split('/').length === 3) {
      what = `must be a number, got ${JSON.stringify(valueAt(doc, e.instancePath))}`;
    } else if (e.keyword === 'minProperties') {
      what = 'must name at least one metric';
    }
    return `metrics.json: ${field} ${what}; ${FIX}`;
  }
  const m = doc as NotebookMetrics;
  for (const side of ['challenger', 'champion'] as const) {
    for (const [name, value] of Object.entries(m[side] ?? {})) {
      if (!Number.isFinite(value)) {
        return `metrics.json: ${side}.${name} is ${value}, not a finite number; check the metric computation (a NaN usually means an empty or degenerate holdout)`;
      }
    }
  }
  return null;
}

function valueAt(doc: unknown, pointer: string): unknown {
  let v: unknown = doc;
  for (const part of pointer.slice(1).split('/')) v = (v as Record<string, unknown>)?.[part];
  return v;
}

export class OutputsProblem extends Error {}

/** Reads and checks output_dir/metrics.json; throws OutputsProblem with the user-facing message. */
export async function readMetrics(outputDir: string): Promise<NotebookMetrics> {
  const path = join(outputDir, 'metrics.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new OutputsProblem(`metrics.json: the notebook did not write ${path}; ${FIX}`);
  }
  let doc: unknown;
  try {
    doc = parseJsonLenient(text);
  } catch (e) {
    throw new OutputsProblem(`metrics.json: not valid JSON (${(e as Error).message}); ${FIX}`);
  }
  const problem = metricsProblem(doc);
  if (problem) throw new OutputsProblem(problem);
  const metrics = doc as NotebookMetrics;
  if (metrics.predictions !== undefined) {
    const file = resolve(outputDir, metrics.predictions);
    const rel = relative(outputDir, file);
    if (isAbsolute(metrics.predictions) || rel.startsWith('..') || rel === '') {
      throw new OutputsProblem(
        `metrics.json: predictions "${metrics.predictions}" must be a path relative to output_dir, inside it`,
      );
    }
    const st = await stat(file).catch(() => null);
    if (!st?.isFile()) {
      throw new OutputsProblem(
        `metrics.json: predictions names ${metrics.predictions}, but output_dir has no such file; write it or drop the key`,
      );
    }
  }
  return metrics;
}

/** Every file under `dir`, relative paths with '/' separators, sorted. */
export async function listFiles(dir: string): Promise<{ path: string; size: number }[]> {
  const out: { path: string; size: number }[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = join(e.parentPath, e.name);
    const st = await stat(full);
    out.push({ path: relative(dir, full).split(sep).join('/'), size: st.size });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** output_dir/model must hold at least one non-empty file. */
export async function checkModelDir(outputDir: string): Promise<string> {
  const modelDir = join(outputDir, 'model');
  const st = await stat(modelDir).catch(() => null);
  if (!st?.isDirectory()) {
    throw new OutputsProblem(
      `model: the notebook did not create ${modelDir}; save the trained model's files under output_dir/model/`,
    );
  }
  const files = await listFiles(modelDir);
  if (!files.some((f) => f.size > 0)) {
    throw new OutputsProblem(
      `model: ${modelDir} has no non-empty file; save the trained model's files under output_dir/model/`,
    );
  }
  return modelDir;
}
