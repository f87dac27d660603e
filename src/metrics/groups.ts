import type { SeriesConfig } from './config.js';
import { SeriesBuilder } from './series.js';
import type { Series } from './types.js';

/** One group of a remote query's answer (a tag scope or label set), inside the requested range. */
export interface QueryGroup {
  scope: string;
  timestamps: number[];
  values: number[];
  /** The unit the source gave the group (Datadog's `unit`), e.g. "ms" or "B/s". */
  unit?: string;
}

/**
 * One Series per configured series from the groups its queries returned: `results[i]` answers
 * `jobs[i]` (one query per series and window piece). Each group's scope is recorded in `scopes`
 * for the report; a series for which no query returned any group goes to `onNoGroups`. A
 * categorical sample is its value as text; NaN means no value and is skipped, never the label
 * "NaN".
 */
export function mergeGroups(
  series: readonly SeriesConfig[],
  jobs: readonly { s: SeriesConfig }[],
  results: readonly QueryGroup[][],
  scopes: Map<string, Set<string>>,
  onNoGroups: (s: SeriesConfig) => void,
): Record<string, Series> {
  const out: Record<string, Series> = {};
  for (const s of series) {
    const b = new SeriesBuilder(s.name, s.categorical);
    let groups = 0;
    results.forEach((groupsOfJob, i) => {
      if (jobs[i]?.s !== s) return;
      for (const g of groupsOfJob) {
        groups++;
        let seen = scopes.get(s.name);
        if (!seen) scopes.set(s.name, (seen = new Set()));
        seen.add(g.scope);
        for (let k = 0; k < g.timestamps.length; k++) {
          const t = g.timestamps[k] as number;
          const v = g.values[k] as number;
          if (s.categorical) {
            if (!Number.isNaN(v)) b.pushLabel(t, String(v));
          } else b.push(t, v);
        }
      }
    });
    if (groups === 0) onNoGroups(s);
    out[s.name] = b.build();
  }
  return out;
}
