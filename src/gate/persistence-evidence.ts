import type { Series, TimeRange } from '../metrics/types.js';
import { fmt } from './format.js';
import type { Measured } from './measure.js';
import { mostMoved, sameHours, sameHoursOf, slice, sliceParts, subWindows } from './persistence.js';
import { growing, heterogeneity, sliceEffect, type SliceEffect } from './stats/heterogeneity.js';
import type { CheckResult, Severity } from './types.js';

/**
 * Persistence for distribution checks, on the window's own evidence: the whole window decides
 * as it would without persistence, and persistence can only hold a warn or alert back, never
 * raise one. It stands when the change is alike in every slice (Cochran's Q on each slice's
 * location and spread change against the same hours of the reference: a sustained shift), when
 * the location change grows along a line through the slices (a gradual drift), or when it is
 * still there once the slices that moved most — at most `breaches − 1`, fewer when the remaining
 * ones are alike — are set aside. A spike or an outage hour confined to one or two slices fails both and is
 * held back. The rest is judged at the whole window's regime, against the same hours of the
 * reference: it must still reach the check's warn level (auto levels: drawn for its own hours
 * and size).
 */

/** Below this p-value of Cochran's Q the slices differ: the change may be confined to a few. */
export const HETEROGENEITY_ALPHA = 0.1;

export interface EvidenceHooks {
  /** The check measured on part of the current window against the reference at the same hours. */
  measure(current: Series, reference: Series): Measured;
  /** The status of that part with warn and alert at the check's warn level (not ok: the change is there). */
  judge(m: Measured, current: Series, reference: Series, parts: TimeRange[]): Severity;
  /** p-value checks rank slices by their p-value (smaller moved more). */
  pvalueCheck: boolean;
}

/**
 * The slices to set aside, most moved first, at most `drop` of them: numeric series stop as soon
 * as the remaining slices are alike (Cochran's Q), so a change that grows through the window
 * keeps the slices where it is already present; categories set aside all `drop`.
 */
export function setAside(
  effects: (number | null)[],
  drop: number,
  alike: (SliceEffect | null)[] | null,
): Set<number> {
  const order = [...mostMoved(effects, drop)].sort(
    (a, b) => (effects[b] ?? -Infinity) - (effects[a] ?? -Infinity) || a - b,
  );
  const out = new Set<number>();
  for (const i of order) {
    out.add(i);
    if (!alike) continue;
    const h = heterogeneity(alike.filter((_, j) => !out.has(j)));
    if (h && h.pvalue >= HETEROGENEITY_ALPHA) break;
  }
  return out;
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
  const alike = !current.labels
    ? slices.map((w) =>
        sliceEffect(slice(current, w.start, w.end).values, sameHours(reference, w).values),
      )
    : null;
  const h = alike ? heterogeneity(alike) : null;
  if (h && h.pvalue >= HETEROGENEITY_ALPHA) {
    // A change alike in every slice is sustained: nothing to set aside.
    const note = `persistence: the change is alike in all ${windows} slices (Cochran's Q = ${fmt(h.q)} on ${h.dof} degrees, p = ${fmt(h.pvalue)})`;
    return {
      ...full,
      detail: { ...(full.detail ?? {}), persistence: 'confirmed', persistence_q_pvalue: h.pvalue },
      note: full.note ? `${full.note}; ${note}` : note,
    };
  }
  if (alike && growing(alike, HETEROGENEITY_ALPHA)) {
    const note = `persistence: the change grows through the ${windows} slices (a trend in location, spread alike)`;
    return {
      ...full,
      detail: {
        ...(full.detail ?? {}),
        persistence: 'confirmed',
        persistence_q_pvalue: h?.pvalue ?? null,
      },
      note: full.note ? `${full.note}; ${note}` : note,
    };
  }
  const effects = slices.map((w) => {
    const v = hooks.measure(slice(current, w.start, w.end), sameHours(reference, w)).value;
    return v === null ? null : hooks.pvalueCheck ? -v : v;
  });
  const dropped = setAside(effects, drop, alike);
  const kept = slices.filter((_, i) => !dropped.has(i));
  const cur = sliceParts(current, kept);
  const ref = sameHoursOf(reference, kept);
  const m = hooks.measure(cur, ref);
  const status = hooks.judge(m, cur, ref, kept);
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
  if (status === 'warn' || status === 'alert') {
    const note = `persistence: the change holds without the ${dropped.size} of ${windows} slices that moved most (${set} UTC): ${fmt(m.value ?? NaN)}`;
    return {
      ...full,
      detail: { ...detail, persistence: 'confirmed' },
      note: full.note ? `${full.note}; ${note}` : note,
    };
  }
  const note = `held back by persistence: without the ${dropped.size} of ${windows} slices that moved most (${set} UTC) the rest of the window shows no change (${fmt(m.value ?? NaN)}, p = ${fmt(m.pvalue)}); the whole window was ${full.status}`;
  return {
    ...full,
    status: 'ok',
    detail: { ...detail, persistence: 'held_back', persistence_whole_window: full.status },
    note: full.note ? `${full.note}; ${note}` : note,
  };
}
