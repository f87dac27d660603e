/**
 * Estimated against realized, window by window. Each run stores its window's estimate; a later
 * run, once enough of that window's labels have arrived, adds the realized value and the
 * estimation error. Realized values outside the stored intervals, on the same side, in most of
 * the latest reconciled windows are what the estimate cannot see by construction: a change of
 * P(label | inputs) — concept drift — which only labels show.
 */

export interface RealizedValue {
  value: number;
  /** Labelled predictions the value rests on, and their share of the window. */
  labelled: number;
  coverage: number;
  at: string;
}

export interface EstimateRecord {
  /** The window by prediction time, ISO 8601. */
  start: string;
  end: string;
  metric: string;
  value: number;
  interval: [number, number];
  level: number;
  reliable: boolean;
  n: number;
  runId: string;
  recordedAt: string;
  realized?: RealizedValue & {
    /** realized − estimate. */
    error: number;
    /** Where the realized value fell against the stored interval. */
    side: 'inside' | 'below' | 'above';
  };
}

/** Records kept per model (a year of daily windows for two metrics stays a few hundred kB). */
export const MAX_RECORDS = 730;

const key = (r: Pick<EstimateRecord, 'start' | 'end' | 'metric'>) =>
  `${r.start}|${r.end}|${r.metric}`;

/** Adds estimates not stored yet; a window already estimated keeps its first estimate. */
export function addEstimates(
  records: readonly EstimateRecord[],
  fresh: readonly EstimateRecord[],
): { records: EstimateRecord[]; changed: boolean } {
  const seen = new Set(records.map(key));
  const added = fresh.filter((r) => !seen.has(key(r)) && (seen.add(key(r)), true));
  if (added.length === 0) return { records: [...records], changed: false };
  const all = [...records, ...added].sort((a, b) => a.start.localeCompare(b.start));
  return { records: all.slice(-MAX_RECORDS), changed: true };
}

/**
 * Fills in the realized value of records that have none yet, where `realizedOf` has one (it
 * returns null while too few of the window's labels have arrived).
 */
export function reconcile(
  records: readonly EstimateRecord[],
  realizedOf: (r: EstimateRecord) => RealizedValue | null,
): { records: EstimateRecord[]; changed: boolean; reconciled: EstimateRecord[] } {
  const reconciled: EstimateRecord[] = [];
  const out = records.map((r) => {
    if (r.realized) return r;
    const got = realizedOf(r);
    if (!got) return r;
    const side: 'inside' | 'below' | 'above' =
      got.value < r.interval[0] ? 'below' : got.value > r.interval[1] ? 'above' : 'inside';
    const done = { ...r, realized: { ...got, error: got.value - r.value, side } };
    reconciled.push(done);
    return done;
  });
  return { records: out, changed: reconciled.length > 0, reconciled };
}

export interface GapFinding {
  metric: string;
  /** Reconciled windows looked at, and how many fell outside on the same side. */
  windows: number;
  outside: number;
  side: 'below' | 'above';
  meanError: number;
  message: string;
}

/**
 * A persistent gap: at least `need` of the latest `last` reconciled windows of a metric fall
 * outside their interval on the same side. With intervals at 95 % and the assumptions holding,
 * 2 of 3 on one side happens by chance about 0.2 % of the time (3 · 0.025² · 0.975 + 0.025³).
 */
export function persistentGaps(
  records: readonly EstimateRecord[],
  last = 3,
  need = 2,
): GapFinding[] {
  const byMetric = new Map<string, EstimateRecord[]>();
  for (const r of records)
    if (r.realized) byMetric.set(r.metric, [...(byMetric.get(r.metric) ?? []), r]);
  const out: GapFinding[] = [];
  for (const [metric, rs] of byMetric) {
    const recent = rs.slice(-last);
    if (recent.length < need) continue;
    for (const side of ['below', 'above'] as const) {
      const hits = recent.filter((r) => r.realized!.side === side);
      if (hits.length < need) continue;
      const meanError = hits.reduce((s, r) => s + r.realized!.error, 0) / hits.length;
      out.push({
        metric,
        windows: recent.length,
        outside: hits.length,
        side,
        meanError,
        message: `realized ${metric} fell ${side} the estimate's interval in ${hits.length} of the last ${recent.length} windows whose labels arrived (by ${(100 * Math.abs(meanError)).toFixed(1)} points on average): the estimate cannot see this, and the likeliest cause is concept drift — P(label | inputs) changed. Only labels show it; judge the model on realized ${metric} and consider retraining on recent labelled data`,
      });
    }
  }
  return out;
}
