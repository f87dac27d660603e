/**
 * Key names of the registry layout (same on S3 and on a local directory), relative to the
 * registry root. Pure: no I/O, so layout rules are tested with plain values.
 */
import { createHash } from 'node:crypto';

export const versionsPrefix = (model: string): string => `${model}/versions/`;
export const versionPrefix = (model: string, n: number): string => `${model}/versions/${n}/`;
export const claimKey = (model: string, n: number): string =>
  `${versionPrefix(model, n)}claim.json`;
export const manifestKey = (model: string, n: number): string =>
  `${versionPrefix(model, n)}manifest.json`;
/**
 * Folder of a version's files as written under one claim's fence token: `files/` for the first
 * claim, `files-<token>/` after a takeover. Each holder writes only under its own token, so a
 * writer that lost its claim cannot overwrite the files of the one that took it over.
 */
export const filesPrefix = (model: string, n: number, fence = 1): string =>
  `${versionPrefix(model, n)}${fence > 1 ? `files-${fence}` : 'files'}/`;
export const aliasKey = (model: string, alias: string): string => `${model}/aliases/${alias}.json`;
export const historyPrefix = (model: string): string => `${model}/history/`;
/** Run index: runKey → version, so a re-run finds its version without reading every claim. */
export const runKeyIndexKey = (model: string, runKey: string): string =>
  `${model}/runs/${createHash('sha256').update(runKey).digest('hex').slice(0, 32)}.json`;

/** `20261123T190320123Z`: sorts lexicographically in time order. */
export function compactTimestamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('.', '');
}

/**
 * One history entry per (run, action, version): a retried or resumed write of the same entry
 * lands on the same key, so If-None-Match recognises it instead of adding a second one.
 * Entries are ordered by their `at` field, not by key.
 */
export function historyKey(model: string, version: number, action: string, run: string): string {
  const id = createHash('sha256').update(run).digest('hex').slice(0, 16);
  return `${historyPrefix(model)}${version}-${action}-${id}.json`;
}

/**
 * Parses `<model>/history/<version>-<action>-<run id>.json`, and the older time-stamped
 * `<model>/history/<ts>-<version>-<action>[-k].json` of registries written before.
 */
export function parseHistoryKey(key: string): { version: number; action: string } | null {
  const m = /\/history\/(?:\d{8}T\d{9}Z-)?([1-9]\d*)-([a-z]+)(?:-[0-9a-f]{16}|-\d+)?\.json$/.exec(
    key,
  );
  return m ? { version: Number(m[1]), action: m[2] as string } : null;
}

export interface VersionScan {
  /** Every version number that has a claim (finished or not). */
  claimed: number[];
  /** Versions whose manifest exists: the only visible ones. */
  complete: number[];
}

/** Groups a listing of `<model>/versions/` into claimed and complete version numbers. */
export function scanVersions(model: string, keys: string[]): VersionScan {
  const prefix = versionsPrefix(model);
  const claimed = new Set<number>();
  const complete = new Set<number>();
  for (const key of keys) {
    if (!key.startsWith(prefix)) continue;
    const m = /^([1-9]\d*)\/(claim|manifest)\.json$/.exec(key.slice(prefix.length));
    if (!m) continue;
    const n = Number(m[1]);
    if (m[2] === 'claim') claimed.add(n);
    else complete.add(n);
  }
  const asc = (a: number, b: number): number => a - b;
  return { claimed: [...claimed].sort(asc), complete: [...complete].sort(asc) };
}

/** The next number to try: above every claim, crashed ones included (never reuse a number). */
export function nextVersion(scan: VersionScan): number {
  const all = [...scan.claimed, ...scan.complete];
  return all.length === 0 ? 1 : Math.max(...all) + 1;
}

/** Manifest path of a model file (relative path inside modelDir) and of an extra file. */
export const modelFilePath = (rel: string): string => `model/${rel}`;
export const extraFilePath = (name: string): string => `extra/${name}`;

/** Rejects names that would escape their folder or collide with store bookkeeping files. */
export function checkRelativeName(name: string, what: string): string {
  const norm = name.replace(/\\/g, '/');
  const parts = norm.split('/');
  if (
    norm === '' ||
    norm.startsWith('/') ||
    parts.some((p) => p === '' || p === '.' || p === '..' || p.startsWith('.'))
  ) {
    throw new Error(
      `${what} "${name}" is not a plain relative path (no leading /, no . or .. segments, no hidden names)`,
    );
  }
  return norm;
}

/** Per-model gate state kept across runs (the streak of runs without usable data). */
export const gateStateKey = (model: string): string => `${model}/state/gate.json`;
