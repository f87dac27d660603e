/**
 * The project's one definition of each performance metric: its scikit-learn twin, which way is
 * better, and how its interval is made. Used by the gate (realized performance) and by validate.
 */
import {
  accuracy,
  balancedAccuracy,
  confusionMatrix,
  perClass,
  prf,
  prfNote,
  type Average,
  type PrfKind,
} from './classification.js';
import { bootstrap, wilson, Z95 } from './intervals.js';
import { brier, logLoss } from './probability.js';
import { aucDeLong, aucOvr, averagePrecision, splitScores } from './ranking.js';
import { absErr, constantTruth, mae, mape, pctErr, r2, rmse, sqErr } from './regression.js';
import type { ClassData, LabelledData, MetricValue, RegData } from './types.js';

export interface MetricSpec {
  name: string;
  /** The scikit-learn function (and arguments) it equals. */
  sklearn: string;
  tasks: readonly ('binary' | 'multiclass' | 'regression')[];
  direction: 'higher' | 'lower';
  /** Needs the model's scores (probabilities), not only its predicted class. */
  scores?: boolean;
  compute(d: LabelledData): MetricValue;
}

const CLS = ['binary', 'multiclass'] as const;
const BIN = ['binary'] as const;
const REG = ['regression'] as const;

function statsOf(d: ClassData, idx?: Uint32Array) {
  return perClass(confusionMatrix(d, idx), d.classes.length);
}

function withBootstrap(
  metric: string,
  n: number,
  value: number | null,
  stat: (idx: Uint32Array) => number | null,
  note?: string,
): MetricValue {
  if (value === null) return { metric, value, n, ...(note ? { note } : {}) };
  const b = bootstrap(n, value, stat);
  return {
    metric,
    value,
    n,
    ...(b ? { ci: b.ci, se: b.se, method: 'bootstrap' } : {}),
    ...(note ? { note } : {}),
  };
}

function proportion(metric: string, k: number, n: number, note?: string): MetricValue {
  if (n === 0) return { metric, value: null, n, note: note ?? 'no rows to count' };
  const p = k / n;
  return {
    metric,
    value: p,
    n,
    ci: wilson(k, n),
    se: Math.sqrt((p * (1 - p)) / n),
    method: 'wilson',
    ...(note ? { note } : {}),
  };
}

function prfSpec(kind: PrfKind, average: Average): MetricSpec {
  const name = average === 'binary' ? kind : `${kind}_${average}`;
  const fn = kind === 'f1' ? 'f1_score' : `${kind}_score`;
  return {
    name,
    sklearn: `${fn}(average='${average}'${average === 'binary' ? ', pos_label=<positive>' : ''})`,
    tasks: average === 'binary' ? BIN : CLS,
    direction: 'higher',
    compute(d) {
      const c = d as ClassData;
      const s = statsOf(c);
      const value = prf(kind, average, s, c.positive);
      const note = prfNote(kind, average, s, c.positive, c.classes);
      if (average === 'binary' && kind !== 'f1') {
        // Binary precision and recall are proportions: Wilson over their own denominator.
        const tp = s.tp[c.positive]!;
        const den = tp + (kind === 'precision' ? s.fp[c.positive]! : s.fn[c.positive]!);
        if (den > 0) return { ...proportion(name, tp, den), ...(note ? { note } : {}) };
      }
      return withBootstrap(
        name,
        c.truth.length,
        value,
        (idx) => prf(kind, average, statsOf(c, idx), c.positive),
        note,
      );
    },
  };
}

function meanTerm(
  metric: string,
  value: number | null,
  y: Float64Array,
  p: Float64Array,
  term: (t: number, q: number) => number,
): MetricValue {
  // A mean of per-row terms: its interval from the rows' own spread (normal; the bootstrap of a mean agrees at these sizes).
  const n = y.length;
  if (value === null) return { metric, value, n, note: 'no labelled rows' };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (term(y[i]!, p[i]!) - value) ** 2;
  const se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
  return { metric, value, n, ci: [value - Z95 * se, value + Z95 * se], se, method: 'normal' };
}

export const METRICS: readonly MetricSpec[] = [
  {
    name: 'accuracy',
    sklearn: 'accuracy_score',
    tasks: CLS,
    direction: 'higher',
    compute(d) {
      const s = statsOf(d as ClassData);
      const a = accuracy(s);
      return proportion('accuracy', a === null ? 0 : Math.round(a * s.total), s.total);
    },
  },
  {
    name: 'balanced_accuracy',
    sklearn: 'balanced_accuracy_score',
    tasks: CLS,
    direction: 'higher',
    compute(d) {
      const c = d as ClassData;
      const s = statsOf(c);
      const missing = s.present.filter((k) => s.support[k] === 0).map((k) => c.classes[k]);
      const note = missing.length
        ? `predicted but never true in the window: ${missing.join(', ')} (left out, as scikit-learn does)`
        : undefined;
      return withBootstrap(
        'balanced_accuracy',
        c.truth.length,
        balancedAccuracy(s),
        (idx) => balancedAccuracy(statsOf(c, idx)),
        note,
      );
    },
  },
  prfSpec('precision', 'binary'),
  prfSpec('recall', 'binary'),
  prfSpec('f1', 'binary'),
  prfSpec('precision', 'macro'),
  prfSpec('recall', 'macro'),
  prfSpec('f1', 'macro'),
  prfSpec('precision', 'weighted'),
  prfSpec('recall', 'weighted'),
  prfSpec('f1', 'weighted'),
  {
    name: 'roc_auc',
    sklearn:
      "roc_auc_score (binary); roc_auc_score(multi_class='ovr', average='macro') for multiclass",
    tasks: CLS,
    direction: 'higher',
    scores: true,
    compute(d) {
      const c = d as ClassData;
      const n = c.truth.length;
      const scores = c.scores!;
      if (c.task === 'binary') {
        const split = splitScores(c.truth, scores, 1, 0, c.positive);
        const r = aucDeLong(split);
        if (!r)
          return { metric: 'roc_auc', value: null, n, note: oneClassNote(split.pos.length, c) };
        const se = Math.sqrt(r.variance);
        const note =
          split.pos[0] === split.pos[split.pos.length - 1] &&
          split.neg[0] === split.pos[0] &&
          split.neg[split.neg.length - 1] === split.pos[0]
            ? 'constant scores: an AUC of 0.5 says nothing about ranking'
            : undefined;
        return {
          metric: 'roc_auc',
          value: r.auc,
          n,
          se,
          ci: [Math.max(0, r.auc - Z95 * se), Math.min(1, r.auc + Z95 * se)],
          method: 'delong',
          ...(note ? { note } : {}),
        };
      }
      const k = c.classes.length;
      const r = aucOvr(c.truth, scores, k);
      if (r.auc === null)
        return {
          metric: 'roc_auc',
          value: null,
          n,
          note: `no true labels of ${c.classes[r.missing!]} in the window: one-vs-rest AUC needs every class`,
        };
      return withBootstrap('roc_auc', n, r.auc, (idx) => aucOvr(c.truth, scores, k, idx).auc);
    },
  },
  {
    name: 'average_precision',
    sklearn: 'average_precision_score',
    tasks: BIN,
    direction: 'higher',
    scores: true,
    compute(d) {
      const c = d as ClassData;
      const scores = c.scores!;
      const ap = averagePrecision(splitScores(c.truth, scores, 1, 0, c.positive));
      if (ap === null)
        return {
          metric: 'average_precision',
          value: null,
          n: c.truth.length,
          note: `no positive labels (${c.classes[c.positive]}) in the window: average precision is undefined`,
        };
      return withBootstrap('average_precision', c.truth.length, ap, (idx) =>
        averagePrecision(splitScores(c.truth, scores, 1, 0, c.positive, idx)),
      );
    },
  },
  {
    name: 'log_loss',
    sklearn: 'log_loss(labels=<classes>)',
    tasks: CLS,
    direction: 'lower',
    scores: true,
    compute(d) {
      const c = d as ClassData;
      const w = c.task === 'binary' ? 1 : c.classes.length;
      return withBootstrap(
        'log_loss',
        c.truth.length,
        logLoss(c.truth, c.scores!, w, c.positive),
        (idx) => logLoss(c.truth, c.scores!, w, c.positive, idx),
      );
    },
  },
  {
    name: 'brier',
    sklearn: 'brier_score_loss(labels=<classes>)',
    tasks: CLS,
    direction: 'lower',
    scores: true,
    compute(d) {
      const c = d as ClassData;
      const w = c.task === 'binary' ? 1 : c.classes.length;
      return withBootstrap(
        'brier',
        c.truth.length,
        brier(c.truth, c.scores!, w, c.positive),
        (idx) => brier(c.truth, c.scores!, w, c.positive, idx),
      );
    },
  },
  {
    name: 'mae',
    sklearn: 'mean_absolute_error',
    tasks: REG,
    direction: 'lower',
    compute(d) {
      const r = d as RegData;
      return meanTerm('mae', mae(r.truth, r.pred), r.truth, r.pred, absErr);
    },
  },
  {
    name: 'rmse',
    sklearn: 'root_mean_squared_error',
    tasks: REG,
    direction: 'lower',
    compute(d) {
      const r = d as RegData;
      const value = rmse(r.truth, r.pred);
      const mse = meanTerm('mse', value === null ? null : value * value, r.truth, r.pred, sqErr);
      if (value === null || !mse.ci) return { ...mse, metric: 'rmse', value };
      // The square root is monotone: the MSE's interval maps onto the RMSE's; the delta method gives its SE.
      return {
        metric: 'rmse',
        value,
        n: mse.n,
        ci: [Math.sqrt(Math.max(0, mse.ci[0])), Math.sqrt(mse.ci[1])],
        se: value > 0 ? mse.se! / (2 * value) : 0,
        method: 'normal',
      };
    },
  },
  {
    name: 'mape',
    sklearn: 'mean_absolute_percentage_error',
    tasks: REG,
    direction: 'lower',
    compute(d) {
      const r = d as RegData;
      let zeros = 0;
      for (let i = 0; i < r.truth.length; i++) if (r.truth[i] === 0) zeros++;
      const m = meanTerm('mape', mape(r.truth, r.pred), r.truth, r.pred, pctErr);
      return zeros
        ? {
            ...m,
            note: `${zeros} true value(s) are 0: scikit-learn divides by 2.2e-16 there, so MAPE is dominated by them`,
          }
        : m;
    },
  },
  {
    name: 'r2',
    sklearn: 'r2_score',
    tasks: REG,
    direction: 'higher',
    compute(d) {
      const r = d as RegData;
      const value = r2(r.truth, r.pred);
      if (value === null)
        return {
          metric: 'r2',
          value,
          n: r.truth.length,
          note: 'R² needs at least two labelled rows',
        };
      const note = constantTruth(r.truth)
        ? "the true values are constant: R² is 1 for an exact fit and 0 otherwise (scikit-learn's convention)"
        : undefined;
      return withBootstrap('r2', r.truth.length, value, (idx) => r2(r.truth, r.pred, idx), note);
    },
  },
];

export const METRIC_NAMES = METRICS.map((m) => m.name);

export function metricSpec(name: string): MetricSpec | undefined {
  return METRICS.find((m) => m.name === name);
}

/** Every metric that applies to the data (and to its scores, when it has them). */
export function computeAll(d: LabelledData, names?: readonly string[]): MetricValue[] {
  const hasScores = d.task !== 'regression' && d.scores !== undefined;
  return METRICS.filter((m) => (names ? names.includes(m.name) : true))
    .filter((m) => m.tasks.includes(d.task) && (!m.scores || hasScores))
    .map((m) => m.compute(d));
}

function oneClassNote(positives: number, c: ClassData): string {
  return positives === 0
    ? `no positive labels (${c.classes[c.positive]}) in the window: ROC AUC is undefined (one class only)`
    : `no negative labels in the window: ROC AUC is undefined (one class only)`;
}
