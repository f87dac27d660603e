import type { MatrixEntry, PoolAdvice } from './types.js';

/** Jobs a GitHub Free/Pro account runs at once on GitHub-hosted runners (Team: 60, Enterprise: 500). */
const HOSTED_CONCURRENCY = 20;
const HOSTED = /^(ubuntu|windows|macos)-/;

/**
 * A `max-parallel` per pool: never more jobs at once than the pool has runners (the rest would
 * queue, holding the matrix slot and timing out), never more than it has retrains.
 */
export function poolAdvice(
  entries: readonly MatrixEntry[],
  declared: Readonly<Record<string, { max_runners?: number }>> = {},
): PoolAdvice[] {
  const byPool = new Map<string, MatrixEntry[]>();
  for (const e of entries) {
    const list = byPool.get(e.pool);
    if (list) list.push(e);
    else byPool.set(e.pool, [e]);
  }
  const out: PoolAdvice[] = [];
  for (const [pool, list] of [...byPool].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const runsOn = list[0]?.runs_on ?? [];
    const retrains = list.length;
    const maxRunners = declared[pool]?.max_runners;
    let maxParallel: number;
    let why: string;
    if (maxRunners !== undefined) {
      maxParallel = Math.min(retrains, maxRunners);
      why = `the pool has ${maxRunners} runner(s) (pools.${pool}.max_runners)`;
    } else if (runsOn.length === 1 && HOSTED.test(runsOn[0] ?? '')) {
      maxParallel = Math.min(retrains, HOSTED_CONCURRENCY);
      why = `GitHub-hosted: ${HOSTED_CONCURRENCY} concurrent jobs on the Free and Pro plans`;
    } else {
      maxParallel = retrains;
      why = `runner count unknown: declare pools.${pool}.max_runners in the fleet file (the scale set's maxRunners)`;
    }
    out.push({
      pool,
      runsOn,
      retrains,
      ...(maxRunners !== undefined ? { maxRunners } : {}),
      maxParallel: Math.max(1, maxParallel),
      why,
    });
  }
  return out;
}

/** One matrix mixes pools; its max-parallel is the sum of theirs (at least 1). */
export function totalMaxParallel(pools: readonly PoolAdvice[]): number {
  return Math.max(
    1,
    pools.reduce((s, p) => s + p.maxParallel, 0),
  );
}
