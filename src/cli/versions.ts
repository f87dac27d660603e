import { UserError, errorMessage } from '../errors.js';
import type { HistoryEntry, StoreRegistry } from '../registry/index.js';
import { selfCommand } from './usage.js';

export interface VersionRow {
  version: number;
  publishedAt: string;
  runId?: string;
  trigger?: string;
  /** The alias serves this version now. */
  serving: boolean;
}

/** Published versions from the registry's history, oldest first; the serving one marked. Pure. */
export function versionRows(history: HistoryEntry[], serving: number | null): VersionRow[] {
  const rows = new Map<number, VersionRow>();
  for (const e of history) {
    // A version enters the history once: "promote" when it moved the alias, else "publish".
    if (e.action === 'rollback' || rows.has(e.version)) continue;
    rows.set(e.version, {
      version: e.version,
      publishedAt: e.at,
      ...(e.runId ? { runId: e.runId } : {}),
      ...(e.trigger ? { trigger: e.trigger } : {}),
      serving: e.version === serving,
    });
  }
  return [...rows.values()].sort((a, b) => a.version - b.version);
}

/** `model-retrain versions`: one line per published version (or JSON with --json). */
export async function listVersions(
  registry: StoreRegistry,
  alias: string,
  values: { json?: boolean },
): Promise<number> {
  const serving = (await registry.champion(alias))?.version ?? null;
  const rows = versionRows(await registry.history(), serving);
  if (values.json) {
    console.log(JSON.stringify({ registry: registry.uri, alias, serving, versions: rows }));
    return 0;
  }
  if (rows.length === 0) {
    console.log(`no version published yet in ${registry.uri}`);
    return 0;
  }
  console.log(`${registry.uri}: ${rows.length} version(s); ${alias} serves ${serving ?? 'none'}`);
  for (const r of rows) {
    const run = [r.trigger, r.runId && `run ${r.runId}`].filter(Boolean).join(', ');
    console.log(
      `  ${String(r.version).padStart(4)}  ${r.publishedAt}${run ? `  ${run}` : ''}${r.serving ? `  ← ${alias}` : ''}`,
    );
  }
  return 0;
}

/** A verify of a version that is not there: the versions that are, and the command that lists them. */
export async function missingVersionHint(
  registry: StoreRegistry,
  version: number,
  error: unknown,
): Promise<unknown> {
  if (!(error instanceof UserError) || !/does not exist/.test(errorMessage(error))) return error;
  const published = versionRows(await registry.history().catch(() => []), null).map(
    (r) => r.version,
  );
  const have = published.length
    ? `published: ${published.length > 10 ? `${published.slice(0, 3).join(', ')} … ${published.slice(-3).join(', ')}` : published.join(', ')}`
    : 'nothing is published yet';
  return new UserError(
    `verify: version ${version} is not in ${registry.uri} (${have}); \`${selfCommand()} versions\` lists the published versions`,
  );
}
