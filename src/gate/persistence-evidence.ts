import type { Series, TimeRange } from '../metrics/types.js';
import { fmt } from './format.js';
import type { Measured } from './measure.js';
import { mostMoved, sameHours, sameHoursOf, slice, sliceParts, subWindows } from './persistence.js';
import { growing, heterogeneity, rankSliceEffect, sliceEffect } from './stats/heterogeneity.js';
import { mixHeterogeneity, type SliceMix } from './stats/mix-heterogeneity.js';
import type { CheckResult } from './types.js';

/**
 * Persistence for distribution checks, on the window's own evidence: the whole window decides
 * as it would without persistence, and persistence can only hold a warn or alert back, never
 * raise one. It stands when
 *  - the change is alike in every slice (Cochran's Q on each slice's change against the same
 *    hours of the reference, location in ranks and spread each, and location over hour-long
 *    slices; for categories the Q of the slices' mix changes): a sustained change;
 *  - or the location change grows along a line through fine slices of the window (about an
 *    hour each): a gradual drift;
 *  - or the check's own test still rejects on the rest of the window once the `breaches − 1`
 *    slices that moved most are set aside (against the same hours of the reference).
 * A spike or an outage hour confined to one or two slices fails all three and is held back.
 * The levels were chosen by simulation (bench/gate-quality.bench.ts, docs/gate.md).
 */

/** Below this p-value of Cochran's Q the slices differ: the change may be confined to a few. */
export const HETEROGENEITY_ALPHA = 0.01;
/** Below this p-value of Cochran's Q over the hour-long slices their location changes differ. */
export const FINE_ALPHA = 0.001;
/** Below this p-value of the trend's residual Q the slice changes fit no line. */
export const TREND_FIT_ALPHA = 0.01;
/** The rest of the window confirms the change when its own test rejects at this level. */
export const REST_ALPHA = 0.05;

export interface EvidenceHooks {
  /** The check measured on part of the current window against the reference at the same hours. */
  measure(current: Series, reference: Series): Measured;
  /** p-value checks rank slices by their p-value (smaller moved more). */
  pvalueCheck: boolean;
}

/** Slices for the trend test: about an hour of a day's window, at least 30 samples each. */
export function trendSlices(range: TimeRange, samples: number, windows: number): TimeRange[] {
  const k = Math.max(windows, Math.min(4 * windows, Math.floor(samples / 30)));
  return subWindows(range, k);
}

/** Counts per category of each slice and of the reference at its hours, on one category list. */
function mixes(current: Series, reference: Series, slices: TimeRange[]): SliceMix[] {
  const cats = new Map<string, number>();
  for (const l of [...(reference.labels ?? []), ...(current.labels ?? [])])
    if (!cats.has(l)) cats.set(l, cats.size);
  const count = (s: Series) => {
    const out = new Float64Array(cats.size);
    for (const l of s.labels ?? []) out[cats.get(l) as number]++;
    return out;
  };
  return slices.map((w) => ({
    current: count(slice(current, w.start, w.end)),
    reference: count(sameHours(reference, w)),
  }));
}

/** Why the change stands when the slices alone say so; null when they do not. */
function sustained(
  current: Series,
  reference: Series,
  range: TimeRange,
  slices: TimeRange[],
): string | null {
  if (current.labels) {
    const h = mixHeterogeneity(mixes(current, reference, slices));
    if (h && h.pvalue >= HETEROGENEITY_ALPHA)
      return `the mix change is alike in all ${slices.length} slices (Q = ${fmt(h.q)} on ${h.dof} degrees, p = ${fmt(h.pvalue)})`;
    return null;
  }
  const part = (w: TimeRange) =>
    [slice(current, w.start, w.end).values, sameHours(reference, w).values] as const;
  // Location in ranks (t(3) outliers do not make a slice look moved); spread as the mean
  // absolute deviation with its own standard error (rank spread effects are judged against a
  // null variance that a skewed score's spread change does not keep).
  const effects = slices.map((w) => {
    const r = rankSliceEffect(...part(w));
    const m = sliceEffect(...part(w));
    return r && m ? { d: r.d, vd: r.vd, g: m.g, vg: m.vg } : null;
  });
  const fine = trendSlices(range, current.values.length, slices.length);
  const fineEffects = fine.map((w) => sliceEffect(...part(w)));
  const h = heterogeneity(effects);
  // Also alike hour by hour: a spike straddling two slices is diluted in each of them, but not
  // in the hours it covers.
  const hourly = heterogeneity(fineEffects);
  if (
    h &&
    h.location.pvalue >= HETEROGENEITY_ALPHA &&
    h.spread.pvalue >= HETEROGENEITY_ALPHA &&
    (!hourly || hourly.location.pvalue >= FINE_ALPHA)
  )
    return `the change is alike in all ${slices.length} slices (Cochran's Q: location in ranks p = ${fmt(h.location.pvalue)}, spread p = ${fmt(h.spread.pvalue)}; location over ${fine.length} slices p = ${fmt(hourly?.location.pvalue ?? NaN)})`;
  if (growing(fineEffects, TREND_FIT_ALPHA))
    return `the change grows along a line through ${fine.length} slices of the window`;
  return null;
}

const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);

export function withEvidence(
  full: CheckResult,
  persistence: { windows: number; breaches: number },
  current: Series,
  reference: Series,
  range: TimeRange,
  hooks: EvidenceHooks,
): CheckResult {
  if (full.status !== 'warn' && full.status !== 'alert') return full;
  const { windows, breaches } = persistence;
  // A change in at least `breaches` slices survives setting aside the breaches − 1 that moved
  // most; one confined to fewer slices does not.
  const drop = breaches - 1;
  if (drop <= 0) return full;
  const slices = subWindows(range, windows);
  const why = sustained(current, reference, range, slices);
  if (why) {
    const note = `persistence: ${why}`;
    return {
      ...full,
      detail: { ...(full.detail ?? {}), persistence: 'confirmed' },
      note: full.note ? `${full.note}; ${note}` : note,
    };
  }
  const effects = slices.map((w) => {
    const v = hooks.measure(slice(current, w.start, w.end), sameHours(reference, w)).value;
    return v === null ? null : hooks.pvalueCheck ? -v : v;
  });
  const dropped = mostMoved(effects, drop);
  const kept = slices.filter((_, i) => !dropped.has(i));
  const m = hooks.measure(sliceParts(current, kept), sameHoursOf(reference, kept));
  const set = slices
    .filter((_, i) => dropped.has(i))
    .map((w) => `${hhmm(w.start)}–${hhmm(w.end)}`)
    .join(', ');
  const detail = {
    ...(full.detail ?? {}),
    persistence_set_aside: set,
    persistence_rest_value: m.value,
    persistence_rest_pvalue: m.pvalue,
  };
  if (m.value !== null && m.pvalue < REST_ALPHA) {
    const note = `persistence: the change holds without the ${dropped.size} of ${windows} slices that moved most (${set} UTC): ${fmt(m.value)}, p = ${fmt(m.pvalue)}`;
    return {
      ...full,
      detail: { ...detail, persistence: 'confirmed' },
      note: full.note ? `${full.note}; ${note}` : note,
    };
  }
  const note = `held back by persistence: the slices differ, and without the ${dropped.size} of ${windows} that moved most (${set} UTC) the rest of the window shows no change (${fmt(m.value ?? NaN)}, p = ${fmt(m.pvalue)}); the whole window was ${full.status}`;
  return {
    ...full,
    status: 'ok',
    detail: { ...detail, persistence: 'held_back', persistence_whole_window: full.status },
    note: full.note ? `${full.note}; ${note}` : note,
  };
}
