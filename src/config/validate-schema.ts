import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { DURATION_HELP, suggestDuration } from './duration.js';
import { describePattern, didYouMean, fitName } from './words.js';

/** Compiles a schema once (ajv is costly to compile, cheap to run); defaults are filled in on validation. */
export function compileSchema<T>(schema: object): ValidateFunction<T> {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, verbose: true });
  return ajv.compile<T>(schema);
}

/** "/gate/checks/0/statistic" → ["gate","checks",0,"statistic"] */
export function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** ["gate","checks",0,"statistic"] → "gate.checks[0].statistic" */
export function pathToField(path: (string | number)[]): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    '',
  );
}

/** Picks the one error a person should read first and words it with the field and the fix. */
export function describeSchemaError(errors: ErrorObject[]): {
  path: (string | number)[];
  message: string;
} {
  // Prefer errors about unknown keys and the deepest path: they are the most specific.
  const ranked = [...errors].sort((a, b) => rank(b) - rank(a));
  const e = ranked[0] as ErrorObject;
  const path = pointerToPath(e.instancePath);
  const field = pathToField(path) || '(top level)';
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = allowedKeys(e);
      return {
        path: [...path, key],
        message: `${field === '(top level)' ? '' : field + ': '}unknown key "${key}"${didYouMean(key, allowed)}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`,
      };
    }
    case 'required':
      return {
        path,
        message: `${field}: missing required key "${(e.params as { missingProperty: string }).missingProperty}"`,
      };
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      return {
        path,
        message: `${field}: must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}; got ${JSON.stringify(e.data)}${didYouMean(e.data, allowed.map(String))}`,
      };
    }
    case 'type':
      return { path, message: `${field}: must be ${(e.params as { type: string }).type}` };
    case 'pattern': {
      const pattern = (e.params as { pattern: string }).pattern;
      const words = describePattern(pattern);
      const fitted = fitName(e.data, pattern);
      const hint = words?.alternatives
        ? didYouMean(e.data, words.alternatives)
        : fitted
          ? ` (did you mean "${fitted}"?)`
          : '';
      return {
        path,
        message: `${field}: ${JSON.stringify(e.data)} is not allowed; use ${words?.text ?? `the form described in docs/config.md`}${hint}`,
      };
    }
    case 'anyOf':
    case 'oneOf': {
      const desc = (e.parentSchema as { description?: string } | undefined)?.description;
      if (desc?.startsWith('A duration')) {
        return {
          path,
          message: `${field}: ${JSON.stringify(e.data)} is not a duration; ${DURATION_HELP}${suggestDuration(e.data)}`,
        };
      }
      return {
        path,
        message: `${field}: ${JSON.stringify(e.data)} is not valid: ${desc ?? 'see docs/config.md'}`,
      };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minItems':
    case 'minLength':
      return {
        path,
        message: `${field}: ${e.message ?? 'invalid'}; got ${JSON.stringify(e.data)}`,
      };
    default:
      return { path, message: `${field}: ${e.message ?? 'invalid'}` };
  }
}

function rank(e: ErrorObject): number {
  const depth = pointerToPath(e.instancePath).length;
  const kind =
    e.keyword === 'additionalProperties'
      ? 3
      : e.keyword === 'anyOf'
        ? 2
        : e.keyword === 'type'
          ? 0
          : 1;
  return depth * 10 + kind;
}

function allowedKeys(e: ErrorObject): string[] {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)
    ?.properties;
  return props ? Object.keys(props).filter((k) => k !== '$schema') : [];
}
