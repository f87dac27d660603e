/**
 * A performance check per segment: the metric in each segment with enough labels, a one-sided
 * test of each against its own reference (else the whole reference), and Benjamini–Hochberg
 * across the segments so that fifty segments do not make fifty chances of a false alarm.
 */
import type { PerformanceCheckConfig } from '../performance/config.js';
import { benjaminiHochberg, dropTest, floorTest } from '../performance/compare.js';
import type { MetricSpec } from '../performance/metrics.js';
import type { PerformanceCheckReport, SegmentResult } from '../performance/report.js';
import { windowOf } from '../performance/window.js';
import type { PerformanceInput } from './performance-input.js';
import type { Severity } from './types.js';

/** Segments listed in the report, worst first. */
const SHOWN = 20;

export function judgeSegments(
  check: PerformanceCheckConfig,
  spec: MetricSpec,
  input: PerformanceInput,
  o: { minSegment: number; alpha: number; margin: number; reference: number | null },
): { status: Severity; reason: string; summary: NonNullable<PerformanceCheckReport['segment']> } {
  const log = input.log;
  const column = check.segment!;
  const s = log.segments.findIndex((x) => x.column === column);
  const seg = log.segments[s]!;
  // Rows of each segment value, current and reference, in one pass.
  const k = seg.values.length;
  const cur: number[][] = Array.from({ length: k }, () => []);
  const ref: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < log.rows; i++) {
    const t = log.t[i]!;
    const code = seg.codes[i]!;
    if (t >= input.current.start && t < input.current.end) cur[code]!.push(i);
    else if (input.reference && t >= input.reference.start && t < input.reference.end)
      ref[code]!.push(i);
  }
  const judged: { res: SegmentResult; p: number }[] = [];
  let tooSmall = 0;
  for (let c = 0; c < k; c++) {
    const w = windowOf(log, Uint32Array.from(cur[c]!));
    if (w.labelled < o.minSegment) {
      if (w.predictions > 0) tooSmall++;
      continue;
    }
    const m = spec.compute(w.data);
    if (m.value === null) continue;
    const rw = windowOf(log, Uint32Array.from(ref[c]!));
    const rm = rw.labelled >= o.minSegment ? spec.compute(rw.data) : null;
    let t = rm && rm.value !== null ? dropTest(m, rm, spec.direction, o.margin) : null;
    let against = rm?.value ?? null;
    if (!t && check.floor !== undefined) {
      t = floorTest(m, check.floor, spec.direction);
      against = check.floor;
    }
    if (!t) continue;
    judged.push({
      res: {
        value: seg.values[c]!,
        labelled: w.labelled,
        metric: m,
        reference: against,
        p: t.p,
        discovery: false,
        status: 'ok',
      },
      p: t.p,
    });
  }
  const found = benjaminiHochberg(
    judged.map((j) => j.p),
    o.alpha,
  );
  judged.forEach((j, i) => {
    j.res.discovery = found[i]!;
    j.res.status = found[i] ? 'alert' : 'ok';
  });
  judged.sort((a, b) => a.p - b.p);
  const hits = judged.filter((j) => j.res.discovery).map((j) => j.res.value);
  const status: Severity = hits.length ? 'alert' : judged.length ? 'ok' : 'insufficient';
  const small = tooSmall
    ? `; ${tooSmall} of ${k} values below ${o.minSegment} labelled predictions, not judged`
    : '';
  const reason = hits.length
    ? `${column}: ${hits.length} of ${judged.length} segments worse beyond noise (Benjamini–Hochberg at ${o.alpha}): ${hits.slice(0, 5).join(', ')}${hits.length > 5 ? '…' : ''}${small}`
    : `${column}: no segment of ${judged.length} judged is worse beyond noise${small}`;
  return {
    status,
    reason,
    summary: {
      column,
      judged: judged.length,
      tooSmall,
      values: k,
      worst: judged.slice(0, SHOWN).map((j) => j.res),
    },
  };
}
