import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

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
        message: `${field === '(top level)' ? '' : field + ': '}unknown key "${key}"${allowed ? ` (allowed: ${allowed})` : ''}`,
      };
    }
    case 'required':
      return {
        path,
        message: `${field}: missing required key "${(e.params as { missingProperty: string }).missingProperty}"`,
      };
    case 'enum':
      return {
        path,
        message: `${field}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'type':
      return { path, message: `${field}: must be ${(e.params as { type: string }).type}` };
    case 'pattern':
      return {
        path,
        message: `${field}: ${JSON.stringify(e.data)} does not match the expected format ${(e.params as { pattern: string }).pattern}`,
      };
    case 'anyOf':
    case 'oneOf': {
      const desc = (e.parentSchema as { description?: string } | undefined)?.description;
      return { path, message: `${field}: ${desc ?? 'invalid value'}` };
    }
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

function allowedKeys(e: ErrorObject): string | undefined {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)
    ?.properties;
  return props
    ? Object.keys(props)
        .filter((k) => k !== '$schema')
        .join(', ')
    : undefined;
}
