import { checkThreshold, checkValue, renderGateMarkdown, statisticLabel } from '../gate/summary.js';
import type { CheckResult } from '../gate/types.js';
import type { MetricsResult } from '../metrics/types.js';
import { codeSpan } from '../text/code-span.js';
import { escapeInline, escapeMarkdownWithCode } from '../text/escape.js';
import {
  renderTrainingDetailsMarkdown,
  renderTrainingFailureMarkdown,
  trainingHeadline,
} from '../train/summary.js';
import { TrainingFailed } from '../train/types.js';
import { renderSmokeMarkdown } from '../validate/smoke.js';
import { renderVerdictMarkdown } from '../validate/summary.js';
import { chartMarkdown, gateCharts, validationChart } from './charts.js';
import { renderPerformanceMarkdown } from './performance-summary.js';
import { renderEstimatesMarkdown } from './estimates.js';
import { fitParts, bytes, SUMMARY_LIMIT_BYTES, type Part } from './limits.js';
import { details, fmt, table } from './markdown.js';
import { renderNotifications } from './notifications.js';
import { humanRange, humanTime } from './time.js';
import type { RunReport } from './types.js';

const HEADLINE: Record<RunReport['outcome'], string> = {
  checked: 'Checked',
  skipped: 'No retrain needed',
  published: 'Published a new version',
  shadow: 'Published in shadow (alias not moved)',
  superseded: 'Published, not promoted: the champion changed during the run',
  rejected: 'Challenger rejected: nothing published',
  'rolled-back': 'Rolled back',
  failed: 'Failed',
};

/** What every section may read. */
export interface SummaryInput {
  report: RunReport;
  /** The windows' samples, for the charts (not kept in the report). */
  metrics?: MetricsResult;
}

/**
 * One part of the summary. `keep` orders what is left out first when the summary would pass
 * GitHub's 1 MiB limit (lower goes first; Infinity is never left out).
 */
export interface Section {
  name: string;
  keep: number;
  render(input: SummaryInput): string | null;
}

/**
 * The summary, in the order an on-call engineer reads it: what was decided and why, the
 * chart, validation, publication; the details folded below. Add a section here to extend it.
 */
export const SECTIONS: Section[] = [
  { name: 'headline', keep: Infinity, render: headlineSection },
  { name: 'training failure', keep: 90, render: trainingFailureSection },
  { name: 'charts', keep: 50, render: chartsSection },
  { name: 'gate', keep: 80, render: gateSection },
  {
    name: 'performance',
    keep: 78,
    render: ({ report: r }) =>
      r.gate?.performance ? renderPerformanceMarkdown(r.gate.performance) : null,
  },
  {
    name: 'estimates',
    keep: 45,
    render: ({ report: r }) => (r.estimates ? renderEstimatesMarkdown(r.estimates) : null),
  },
  {
    name: 'smoke',
    keep: 85,
    render: ({ report: r }) => (r.smoke ? renderSmokeMarkdown(r.smoke) : null),
  },
  { name: 'validation', keep: 70, render: validationSection },
  { name: 'publication', keep: 75, render: publicationSection },
  { name: 'notifications', keep: 40, render: notificationsSection },
  { name: 'training details', keep: 10, render: trainingDetailsSection },
  { name: 'trigger', keep: 20, render: triggerSection },
  { name: 'footer', keep: Infinity, render: footerSection },
];

/** The job summary: a readable view of the run report (plus the windows' samples, for the charts). Pure. */
export function renderSummary(
  report: RunReport,
  metrics?: MetricsResult,
  limit = SUMMARY_LIMIT_BYTES,
): string {
  const input: SummaryInput = { report, ...(metrics ? { metrics } : {}) };
  const parts: Part[] = SECTIONS.map((s) => ({
    name: s.name,
    keep: s.keep,
    text: s.render(input)?.trimEnd() ?? '',
  }));
  return fitParts(
    parts,
    limit,
    bytes,
    "GitHub's 1 MiB job summary limit",
    report.path
      ? `The run report has everything: ${codeSpan(report.path)}.`
      : 'The run report has everything.',
  );
}

/** Units per series, from the metrics source (Datadog says; others do not). */
export function unitsOf(r: RunReport): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of r.metrics?.queries ?? []) if (q.unit) out[q.series] = q.unit;
  return out;
}

const RANK = { alert: 0, warn: 1, insufficient: 2, ok: 3 } as const;

/** The check that matters most: the worst status, first in the config among equals. */
export function worstCheck(checks: CheckResult[]): CheckResult | undefined {
  return [...checks].sort((a, b) => RANK[a.status] - RANK[b.status])[0];
}

/** The one-line why: the value, the level it passed, the window. */
export function reasonLine(r: RunReport): string {
  const all = r.gate?.checks ?? [];
  // The headline follows what decided: under decide_on: performance, the performance checks.
  const checks =
    r.gate?.decideOn === 'performance' ? all.filter((x) => x.detail?.source !== undefined) : all;
  const c = worstCheck(checks);
  const window = r.metrics ? ` in the current window ${humanRange(r.metrics.windows.current)}` : '';
  const units = unitsOf(r);
  if (r.gate?.forced) return `Forced: ${escapeInline(r.trigger.reason)}.`;
  if (r.noData?.reason && r.severity === r.noData.severity)
    return `${escapeInline(r.noData.reason)}.`;
  if (!c || (c.status === 'ok' && r.decision !== 'skip')) {
    const why = r.gate?.reasons[0] ?? r.trigger.reason;
    return `${escapeInline(why)}.`;
  }
  const what = `${escapeInline(c.name)}: ${statisticLabel(c)} of ${escapeInline(c.series)} is ${checkValue(c, units)}`;
  const n = `${c.samples.current} samples`;
  switch (c.status) {
    case 'alert':
      return `${what}, past the alert level ${checkThreshold(c, c.alert, units)}${window} (${n}).`;
    case 'warn':
      return `${what}, past the warn level ${checkThreshold(c, c.warn, units)}${window} (${n}).`;
    case 'insufficient':
      return `${escapeInline(c.name)}: not enough data${c.note ? ` (${escapeInline(c.note)})` : ''}${window}.`;
    default: {
      const levels = [
        c.warn !== undefined ? `warn ${checkThreshold(c, c.warn, units)}` : '',
        c.alert !== undefined ? `alert ${checkThreshold(c, c.alert, units)}` : '',
      ].filter(Boolean);
      const all = checks.length > 1 ? `all ${checks.length} checks ok; ` : '';
      return `${all}${what}${levels.length ? `, inside the levels (${levels.join(', ')})` : ''}${window} (${n}).`;
    }
  }
}

/**
 * A failure message in a GitHub alert box: escaped, so `<metric>` shows as written, and its
 * `commands` as code spans (the fix a person copies), not as literal backticks.
 */
export function cautionBox(message: string): string {
  return `> [!CAUTION]\n> ${escapeMarkdownWithCode(message).replace(/\r?\n/g, '\n> ')}`;
}

/**
 * What held a retrain back, for titles: "cooldown until 2026-11-23 16:00 UTC". Null when
 * nothing did. The title, the decision line and the gate heading all follow it, so a held-back
 * alert never reads as "no retrain needed".
 */
export function heldBackBy(r: RunReport): string | null {
  const g = r.guard;
  if (!g?.blocked) return null;
  if (g.by === 'cooldown') return g.until ? `cooldown until ${humanTime(g.until)} UTC` : 'cooldown';
  if (g.by === 'duplicate') return 'already retrained for this request';
  return 'guard';
}

function headlineSection({ report: r }: SummaryInput): string {
  const lines: string[] = [];
  const held = heldBackBy(r);
  const title = held && r.outcome !== 'failed' ? `Held back: ${held}` : HEADLINE[r.outcome];
  lines.push(`## Model retrain · ${codeSpan(r.model)} · ${title}`, '');
  const status = held ? `${r.severity}, retrain held back: ${held}` : r.severity;
  const why: string[] = [`**Decision: \`${r.decision}\`** (${status}) — ${reasonLine(r)}`];
  if (r.guard?.blocked) why.push(`**Held back:** ${escapeInline(r.guard.reason)}`);
  if (r.verdict)
    why.push(`**Verdict:** \`${r.verdict.status}\` — ${escapeInline(r.verdict.reason)}`);
  if (r.publication) {
    const p = r.publication;
    why.push(
      `**Version:** ${p.version}${p.aliasMoved && p.alias ? ` · alias ${codeSpan(p.alias)}: ${p.previousVersion ?? 'none'} → ${p.version}` : ''}`,
    );
  }
  lines.push(why.join('  \n'));
  if (r.publication?.superseded) lines.push('', `> [!WARNING]\n> ${supersededNote(r.publication)}`);
  if (r.error) lines.push('', cautionBox(r.error));
  return lines.join('\n');
}

function trainingFailureSection({ report: r }: SummaryInput): string | null {
  const f = r.trainingFailure;
  if (!f) return null;
  // The failure box above already says the message when it is the run's error.
  return renderTrainingFailureMarkdown(
    new TrainingFailed(f.message, f.kind, f.executedNotebook, f.cell),
    r.error !== f.message,
  );
}

function chartsSection({ report: r, metrics }: SummaryInput): string | null {
  const charts = gateCharts(r.gate?.checks ?? [], metrics, unitsOf(r));
  return charts.length ? charts.map(chartMarkdown).join('\n\n') : null;
}

function gateSection({ report: r }: SummaryInput): string | null {
  if (!r.gate) return null;
  const g = r.guard;
  const heldBy = g?.blocked ? (g.by === 'duplicate' ? 'de-duplication' : (g.by ?? 'guard')) : '';
  const out = [
    renderGateMarkdown(r.gate, { units: unitsOf(r), ...(heldBy ? { heldBy } : {}) }).trimEnd(),
  ];
  const nd = noDataLine(r);
  if (nd) out.push(nd);
  if (r.metrics) {
    const w = r.metrics.windows;
    out.push(
      `Metrics from ${codeSpan(r.metrics.source)}: current window ${humanRange(w.current)}${w.reference ? `; reference window ${humanRange(w.reference)}` : ''}.`,
    );
    // Parquet: how much of the log the windows needed (partitions and row groups skipped).
    if (r.metrics.scan) out.push(`Data read: ${escapeInline(r.metrics.scan.summary)}.`);
    if (r.metrics.warnings.length)
      out.push(
        `> [!WARNING]\n${r.metrics.warnings.map((w) => `> - ${escapeInline(w)}`).join('\n')}`,
      );
  }
  return out.join('\n\n');
}

/** The streak of runs without usable data, while there is one. */
function noDataLine(r: RunReport): string | null {
  const nd = r.noData;
  if (!nd || nd.count === 0) return null;
  const since = nd.since ? ` since ${humanTime(nd.since)}` : '';
  const at =
    nd.escalateAfter === null
      ? 'escalation is off (gate.no_data)'
      : nd.escalated
        ? `escalated to **${nd.severity ?? 'warn'}** at ${nd.escalateAfter}`
        : `escalates at ${nd.escalateAfter} (gate.no_data.escalate_after)`;
  return `> [!WARNING]\n> No usable data for ${nd.count} run${nd.count === 1 ? '' : 's'} in a row${since}: ${at}.`;
}

function validationSection({ report: r }: SummaryInput): string | null {
  if (!r.verdict) return null;
  const chart = validationChart(r.verdict);
  return renderVerdictMarkdown(r.verdict, chart ? chartMarkdown(chart) : undefined);
}

function supersededNote(p: NonNullable<RunReport['publication']>): string {
  const s = p.superseded!;
  const serving = s.serving === null ? 'no version' : `version ${s.serving}`;
  const against =
    s.validatedAgainst === null ? 'no champion (cold start)' : `version ${s.validatedAgainst}`;
  return `${codeSpan(p.alias ?? '')} serves ${serving} now; the challenger was validated against ${against} and was not compared with ${serving}, so version ${p.version} is published but not promoted.`;
}

function publicationSection({ report: r }: SummaryInput): string | null {
  const p = r.publication;
  if (!p) return null;
  const rows: string[][] = [
    ['Version', String(p.version)],
    ['Files', codeSpan(p.uri, { table: true })],
    ['Manifest', codeSpan(p.manifestUri, { table: true })],
  ];
  if (p.alias)
    rows.push([
      'Alias',
      p.aliasMoved
        ? `${codeSpan(p.alias, { table: true })} → ${p.version} (was ${p.previousVersion ?? 'none'})`
        : `${codeSpan(p.alias, { table: true })} not moved`,
    ]);
  if (p.superseded) rows.push(['Superseded', supersededNote(p)]);
  if (p.resumed) rows.push(['Note', 'resumed the version this workflow run had already claimed']);
  const title = r.outcome === 'rolled-back' ? 'Rollback' : 'Publication';
  return `### ${title}\n\n${table([title, 'Value'], rows)}`;
}

function notificationsSection({ report: r }: SummaryInput): string | null {
  if (!r.notifications || !Object.keys(r.notifications).length) return null;
  return `### Notifications\n\n${renderNotifications(r.notifications)}`;
}

function trainingDetailsSection({ report: r }: SummaryInput): string | null {
  if (!r.training) return null;
  return details(
    `Training: ${trainingHeadline(r.training)}`,
    renderTrainingDetailsMarkdown(r.training),
  );
}

function triggerSection({ report: r }: SummaryInput): string {
  const t = r.trigger;
  const rows: string[][] = [
    ['Event', codeSpan(t.event, { table: true })],
    ['Reason', escapeInline(t.reason)],
    ['Forced', t.forced ? 'yes' : 'no'],
  ];
  if (t.alert) {
    rows.push([
      'Alert',
      `${escapeInline(t.alert.transition)}${t.alert.title ? ` — ${escapeInline(t.alert.title)}` : ''}`,
    ]);
    if (t.alert.scope) rows.push(['Scope', escapeInline(t.alert.scope)]);
  }
  if (t.dedupeKey) rows.push(['Alert cycle', codeSpan(t.dedupeKey, { table: true })]);
  if (r.champion)
    rows.push([
      'Serving',
      `version ${r.champion.version} (published ${humanTime(r.champion.createdAt)} UTC)`,
    ]);
  else if (r.champion === null) rows.push(['Serving', 'nothing yet (cold start)']);
  return details(`Trigger: ${t.reason}`, table(['Trigger', 'Value'], rows));
}

function footerSection({ report: r }: SummaryInput): string {
  const bits = Object.entries(r.timings).map(([k, v]) => `${escapeInline(k)} ${fmt(v, 3)} s`);
  if (r.runUrl) bits.push(`[run ${escapeInline(r.run.runId)}](${r.runUrl})`);
  if (r.commit) bits.push(`commit ${codeSpan(r.commit.slice(0, 12))}`);
  if (r.path) bits.push(`report: ${codeSpan(r.path)}`);
  return `<sub>${bits.join(' · ')}</sub>`;
}
