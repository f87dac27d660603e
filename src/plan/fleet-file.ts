import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { UserError } from '../errors.js';
import { compileSchema, describeSchemaError } from '../config/validate-schema.js';

/**
 * A fleet file: which model configs make the fleet, the sections they share, and the runner
 * pools they use.
 *
 *   configs: [.github/models/*.yml, '!.github/models/draft-*.yml']
 *   concurrency: 16
 *   defaults: { publish: { registry: s3://models/registry }, gate: { min_samples: 200 } }
 *   pools: { self-hosted+gpu: { max_runners: 8 } }
 */
export interface FleetFile {
  file: string;
  configs: string[];
  concurrency?: number;
  defaults?: Record<string, unknown>;
  pools?: Record<string, { max_runners?: number }>;
}

const fleetSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['configs'],
  properties: {
    $schema: { type: 'string' },
    configs: {
      description: 'globs of model config files (a leading ! excludes)',
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
      ],
    },
    concurrency: { type: 'integer', minimum: 1, maximum: 256 },
    defaults: { type: 'object' },
    pools: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { max_runners: { type: 'integer', minimum: 1 } },
      },
    },
  },
} as const;

let validate: ReturnType<typeof compileSchema<Omit<FleetFile, 'file'>>> | undefined;

/** True when `configs` names a fleet file rather than a glob of model configs. */
export function isFleetFile(configs: string, root: string): boolean {
  if (/[*?[\]{}!]/.test(configs) || !/\.ya?ml$/.test(configs)) return false;
  const file = isAbsolute(configs) ? configs : resolve(root, configs);
  if (!existsSync(file)) return false;
  return /^configs\s*:/m.test(readFileSync(file, 'utf8'));
}

export function readFleetFile(path: string, root: string): FleetFile {
  const file = isAbsolute(path) ? path : resolve(root, path);
  const text = readFileSync(file, 'utf8');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = err.linePos?.[0]?.line;
    throw new UserError(
      `${path}${line ? `:${line}` : ''}: invalid YAML: ${err.message.split('\n')[0]}`,
      {
        file: path,
        line,
      },
    );
  }
  const data: unknown = doc.toJS() ?? {};
  validate ??= compileSchema<Omit<FleetFile, 'file'>>(fleetSchema);
  if (!validate(data)) {
    const { path: at, message } = describeSchemaError(validate.errors ?? []);
    const node = doc.getIn(at.slice(0, 1), true) as { range?: [number, number] } | undefined;
    const line = node?.range ? lc.linePos(node.range[0]).line : undefined;
    throw new UserError(`${path}${line ? `:${line}` : ''}: fleet file: ${message}`, {
      file: path,
      line,
    });
  }
  const fleet = data as Omit<FleetFile, 'configs'> & { configs: string | string[] };
  return { ...fleet, file: path, configs: [fleet.configs].flat() };
}

/** The defaults a retrain job applies when its `configs` input names the fleet file. */
export function fleetDefaults(
  configs: string | undefined,
  root: string,
): Record<string, unknown> | undefined {
  if (!configs || !isFleetFile(configs, root)) return undefined;
  return readFleetFile(configs, root).defaults;
}
