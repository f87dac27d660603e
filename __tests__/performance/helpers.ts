import { LogJoin, type JoinedLog } from '../../src/performance/join.js';
import { mulberry32 } from '../../src/performance/intervals.js';

export const HOUR = 3_600_000;
export const T0 = Date.UTC(2026, 0, 1);
/** Current window [T0, T0 + 24 h); reference the 7 days before. */
export const CURRENT = { start: T0, end: T0 + 24 * HOUR };
export const REFERENCE = { start: T0 - 7 * 24 * HOUR, end: T0 };

export interface LogSpec {
  /** Predictions per window and their accuracy. */
  current: {
    n: number;
    accuracy: number;
    coverage?: number;
    segment?: (i: number) => string;
    segAccuracy?: (s: string) => number;
  };
  reference?: { n: number; accuracy: number };
  seed?: number;
}

/**
 * A binary log built through LogJoin as the reader would: predictions spread over each window,
 * labels for a share of them (an hour after the prediction), right with the given probability.
 */
export function binaryLog(spec: LogSpec): JoinedLog {
  const rand = mulberry32(spec.seed ?? 1);
  const join = new LogJoin({
    task: 'binary',
    span: { start: REFERENCE.start, end: CURRENT.end },
    scoreWidth: 1,
    segments: ['country'],
    duplicateLabels: 'latest',
    positive: '1',
  });
  join.classCode('0');
  join.classCode('1');
  let id = 0;
  const add = (
    range: { start: number; end: number },
    n: number,
    acc: number,
    coverage: number,
    seg?: (i: number) => string,
    segAcc?: (s: string) => number,
  ) => {
    for (let i = 0; i < n; i++) {
      const t = range.start + ((range.end - range.start) * i) / n;
      const truth = rand() < 0.4 ? 1 : 0;
      const s = seg ? seg(i) : 'all';
      const right = rand() < (segAcc ? segAcc(s) : acc);
      const pred = right ? truth : 1 - truth;
      const score = pred === 1 ? 0.5 + rand() / 2 : rand() / 2;
      join.addPrediction(id, t, pred, [score], [s], i + 2);
      if (rand() < coverage) join.addLabel(id, truth, t + HOUR, i + 2);
      id++;
    }
  };
  if (spec.reference) add(REFERENCE, spec.reference.n, spec.reference.accuracy, 1);
  add(
    CURRENT,
    spec.current.n,
    spec.current.accuracy,
    spec.current.coverage ?? 1,
    spec.current.segment,
    spec.current.segAccuracy,
  );
  return join.result();
}
