import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Loads a recorded-shape event payload from __tests__/fixtures/events. */
export function event(name: string): Record<string, unknown> {
  const file = resolve(import.meta.dirname, '..', 'fixtures', 'events', `${name}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}
