/** The job summary's performance section: the join, coverage and lag, checks with intervals, segments, confusion matrices. Pure. */
import { fmtDuration } from '../gate/format.js';
import type { PerformanceReport, WindowCoverage } from '../performance/report.js';
import type { MetricValue } from '../performance/types.js';
import { escapeInline } from '../text/escape.js';
import { chartMarkdown } from './charts.js';
import { details, fmt, table } from './markdown.js';
import { performanceChart } from './performance-chart.js';

const ICON = { ok: '✅', insufficient: '⚪', warn: '🟡', alert: '🔴' } as const;
const pct = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x * 1000) / 10} %`);

function withCi(m: MetricValue | undefined): string {
  if (!m || m.value === null) return m?.note ? `n/a (${escapeInline(m.note)})` : 'n/a';
  return `${fmt(m.value)}${m.ci ? ` [${fmt(m.ci[0])}, ${fmt(m.ci[1])}]` : ''}`;
}

function lag(w: WindowCoverage | undefined): string {
  return w?.lag ? `${fmtDuration(w.lag.median * 1000)} / ${fmtDuration(w.lag.p90 * 1000)}` : 'n/a';
}

export function renderPerformanceMarkdown(p: PerformanceReport): string {
  const out: string[] = ['### Performance (realized, from labels)'];
  const j = p.join;
  const dup = j.duplicateLabels;
  const lines = [
    `${j.joined} of ${j.inWindows} predictions in the windows have a label (${j.predictions} predictions and ${j.labels} labels read).`,
    j.unknownIds.count
      ? `${j.unknownIds.count} label(s) name an id the log does not have (first at line ${j.unknownIds.firstLine}); left out.`
      : '',
    dup.count
      ? `${dup.count} id(s) were labelled more than once (${dup.conflicting} disagreeing); the ${dup.kept} label counts${dup.kept === 'latest' ? ' (a later label corrects an earlier one)' : ''}.`
      : '',
    j.duplicatePredictions.count
      ? `${j.duplicatePredictions.count} prediction(s) repeat an earlier id (first at line ${j.duplicatePredictions.firstLine}); the first prediction of an id counts.`
      : '',
    j.missingLabelValues.count
      ? `${j.missingLabelValues.count} label(s) have no value (first at line ${j.missingLabelValues.firstLine}); left out.`
      : '',
    ...j.unknownClasses.map(
      (u) =>
        `Label ${escapeInline(JSON.stringify(u.value))} (${u.count} rows, first at line ${u.firstLine}) is not a class the model predicts; left out.`,
    ),
    `Label lag, median / p90: ${lag(p.windows.current)} in the current window${j.lag ? `; newest label ${j.newestLabel ?? 'n/a'}` : ''}.`,
  ].filter(Boolean);
  out.push(lines.map((l) => `- ${l}`).join('\n'));
  const w = p.windows;
  out.push(
    table(
      ['window', 'predictions', 'labelled', 'coverage', 'lag median / p90'],
      [
        [
          'current',
          w.current.predictions,
          w.current.labelled,
          pct(w.current.coverage),
          lag(w.current),
        ],
        ...(w.reference
          ? [
              [
                'reference',
                w.reference.predictions,
                w.reference.labelled,
                pct(w.reference.coverage),
                lag(w.reference),
              ],
            ]
          : []),
      ],
    ),
  );
  out.push(
    table(
      ['status', 'check', 'current [95 % CI]', 'reference', 'n', 'why'],
      p.checks.map((c) => [
        ICON[c.status],
        checkLabel(c.name, c.metric, c.sklearn),
        withCi(c.current),
        c.reference ? withCi(c.reference) : c.floor !== undefined ? `floor ${fmt(c.floor)}` : '',
        c.current.n,
        escapeInline(c.reason),
      ]),
    ),
  );
  for (const c of p.checks) {
    if (!c.segment) continue;
    const s = c.segment;
    if (!s.worst.length) {
      // Never an empty table: say why no segment was judged.
      out.push(
        `**${escapeInline(c.name)}**: no segment of ${escapeInline(s.column)} was judged: ${s.tooSmall} of ${s.values} value(s) had fewer labelled predictions than \`min_segment_size\`.`,
      );
      continue;
    }
    out.push(
      `**${escapeInline(c.name)}**, worst segments of ${escapeInline(s.column)} first (${s.judged} judged, ${s.tooSmall} too small, ${s.values} values):\n\n` +
        table(
          ['status', 'segment', 'current [95 % CI]', 'compared with', 'n', 'p'],
          s.worst
            .slice(0, 10)
            .map((x) => [
              x.discovery ? '🔴' : '✅',
              escapeInline(x.value),
              withCi(x.metric),
              fmt(x.reference ?? null),
              x.labelled,
              x.p !== undefined ? x.p.toPrecision(2) : '',
            ]),
        ),
    );
  }
  const charts = p.checks
    .map((c) => performanceChart(p, c))
    .filter((c) => c !== null)
    .slice(0, 2);
  for (const c of charts) out.push(chartMarkdown(c));
  if (p.confusion)
    out.push(
      details(
        'Confusion matrix: current window next to the reference (rows: true class, columns: predicted)',
        confusionTables(p.confusion),
      ),
    );
  if (p.notes.length)
    out.push(`> [!WARNING]\n${p.notes.map((n) => `> - ${escapeInline(n)}`).join('\n')}`);
  return out.join('\n\n');
}

function confusionTables(c: NonNullable<PerformanceReport['confusion']>): string {
  const cls = c.classes.map(escapeInline);
  const header = [
    'true \\ predicted',
    ...cls.map((x) => `${x} (current)`),
    ...(c.reference ? cls.map((x) => `${x} (reference)`) : []),
  ];
  const rows = cls.map((name, r) => [
    name,
    ...c.current[r]!,
    ...(c.reference ? c.reference[r]! : []),
  ]);
  return table(header, rows);
}

/** "roc_auc by country (scikit-learn `roc_auc_score`)": the metric named once, then its definition. */
function checkLabel(name: string, metric: string, sklearn: string): string {
  const fn = `scikit-learn \`${sklearn.split('(')[0]}\``;
  return name.includes(metric)
    ? `${escapeInline(name)} (${fn})`
    : `${escapeInline(name)} (${metric}, ${fn})`;
}
