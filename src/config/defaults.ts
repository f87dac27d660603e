/**
 * Shared defaults (a fleet file's `defaults`) under one model's own config: maps merge key by
 * key, anything else (numbers, strings, lists such as gate.checks) is taken whole from the file.
 * Neither input is changed: ajv fills defaults into the result in place.
 */
export function mergeDefaults(defaults: unknown, own: unknown): unknown {
  if (!isMap(defaults)) return own === undefined ? defaults : own;
  if (own === undefined) return structuredClone(defaults);
  if (!isMap(own)) return own;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(defaults)) out[k] = structuredClone(v);
  for (const [k, v] of Object.entries(own)) out[k] = mergeDefaults(defaults[k], v);
  return out;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
