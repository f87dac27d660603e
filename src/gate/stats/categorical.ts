/** Label of the bin that collects unseen and rare categories. */
export const OTHER = '__other__';

export interface CategoryCounts {
  /** Kept reference categories, then OTHER. */
  categories: string[];
  ref: Float64Array;
  cur: Float64Array;
  /** Missing labels (null, undefined or empty) per side. */
  missing: { ref: number; cur: number };
}

const isMissing = (label: string | null | undefined): boolean =>
  label === null || label === undefined || label === '';

function tally(labels: readonly (string | null | undefined)[]): {
  counts: Map<string, number>;
  missing: number;
} {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const l of labels) {
    if (isMissing(l)) missing++;
    else counts.set(l as string, (counts.get(l as string) ?? 0) + 1);
  }
  return { counts, missing };
}

/**
 * One bin per reference category plus OTHER for categories the reference never saw. Reference
 * categories whose expected count in the current window (n_cur · share in the reference) is
 * below `minExpected` are merged into OTHER, so rare categories cannot dominate χ² or PSI.
 */
export function categoryCounts(
  refLabels: readonly (string | null | undefined)[],
  curLabels: readonly (string | null | undefined)[],
  minExpected = 5,
): CategoryCounts {
  const r = tally(refLabels);
  const c = tally(curLabels);
  return categoryCountsOf(
    { ...r, total: refLabels.length },
    { ...c, total: curLabels.length },
    minExpected,
  );
}

/** The same from counts already tallied (a streamed window). */
export function categoryCountsOf(
  r: { counts: Map<string, number>; missing: number; total: number },
  c: { counts: Map<string, number>; missing: number; total: number },
  minExpected = 5,
): CategoryCounts {
  const nr = r.total - r.missing;
  const nc = c.total - c.missing;
  const kept = [...r.counts.entries()]
    .filter(([, count]) => nr > 0 && (count * nc) / nr >= minExpected)
    .map(([label]) => label)
    .sort();
  const index = new Map(kept.map((label, i) => [label, i]));
  const ref = new Float64Array(kept.length + 1);
  const cur = new Float64Array(kept.length + 1);
  for (const [label, count] of r.counts) {
    const i = index.get(label) ?? kept.length;
    ref[i] = (ref[i] as number) + count;
  }
  for (const [label, count] of c.counts) {
    const i = index.get(label) ?? kept.length;
    cur[i] = (cur[i] as number) + count;
  }
  return { categories: [...kept, OTHER], ref, cur, missing: { ref: r.missing, cur: c.missing } };
}
