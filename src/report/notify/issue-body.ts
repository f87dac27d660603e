import { renderGateMarkdown } from '../../gate/summary.js';
import type { Severity } from '../../gate/types.js';
import type { IssueInfo } from '../../github/types.js';
import type { MetricsResult } from '../../metrics/types.js';
import { codeSpan } from '../../text/code-span.js';
import { escapeInline } from '../../text/escape.js';
import { chartMarkdown, gateCharts } from '../charts.js';
import { chars, fitParts, ISSUE_LIMIT_CHARS, type Part } from '../limits.js';
import { details, table } from '../markdown.js';
import { reasonLine, unitsOf } from '../summary.js';
import { humanTime } from '../time.js';
import type { RunReport } from '../types.js';
import { deliveryOf } from './links.js';

/** The hidden marker that identifies a model's issue (labels alone may be shared or edited). */
export function issueMarker(model: string): string {
  return `<!-- model-retrain:${model} -->`;
}

const STATE_RE = /<!-- model-retrain-state:(\{.*?\}) -->/;

/** The severity the issue body last recorded, to comment only on changes. */
export function recordedSeverity(body: string): Severity | undefined {
  const m = STATE_RE.exec(body);
  if (!m) return undefined;
  try {
    const s = (JSON.parse(m[1] as string) as { severity?: unknown }).severity;
    return s === 'ok' || s === 'warn' || s === 'alert' || s === 'insufficient' ? s : undefined;
  } catch {
    return undefined;
  }
}

export type IssuePlan =
  | { action: 'open'; title: string; body: string }
  | { action: 'update'; number: number; title: string; body: string; comment?: string }
  | { action: 'close'; numbers: number[]; comment: string }
  | { action: 'comment'; numbers: number[]; comment: string }
  | { action: 'none'; reason: string };

/**
 * What to do with the model's issue after this run. Pure.
 * Open (or update) while severity is warn or alert; close when the model is healthy again or a
 * new version was promoted; leave it alone when nothing could be judged.
 */
export function planIssue(
  report: RunReport,
  open: IssueInfo[],
  summaryMarkdown: string,
  runUrl: string | undefined,
  metrics?: MetricsResult,
): IssuePlan {
  const marker = issueMarker(report.model);
  const mine = open.filter((i) => i.body.includes(marker));
  const delivery = deliveryOf(report);
  const link = runUrl ? `[run ${report.run.runId}](${runUrl})` : `run ${report.run.runId}`;
  if (delivery?.event === 'published') {
    if (mine.length === 0) return { action: 'none', reason: 'no open issue; new version promoted' };
    return {
      action: 'close',
      numbers: mine.map((i) => i.number),
      comment: `Version ${delivery.version} of ${codeSpan(report.model)} was promoted to ${codeSpan(delivery.alias ?? '')} by ${link}. Closing.`,
    };
  }
  if (report.outcome === 'failed' && !report.gate) {
    return { action: 'none', reason: 'the run failed before the gate' };
  }
  const severity = report.severity;
  // "ok" without any evaluated check (a retrain job trusting the check job's decision) is no
  // finding of health: keep the issue open, and only note what the run did.
  const judged = (report.gate?.checks.length ?? 0) > 0 || report.trigger.intent === 'close';
  if (severity === 'ok' && !judged) {
    const outcome = outcomeLine(report);
    if (mine.length === 0 || !outcome) {
      return { action: 'none', reason: 'no checks were evaluated; the issue is left as it is' };
    }
    return {
      action: 'comment',
      numbers: mine.map((i) => i.number),
      comment: `${link}: ${outcome}`,
    };
  }
  if (severity === 'ok') {
    if (mine.length === 0) return { action: 'none', reason: 'model healthy, no open issue' };
    return {
      action: 'close',
      numbers: mine.map((i) => i.number),
      comment: `${codeSpan(report.model)} is healthy again (${link}: ${escapeInline(report.trigger.reason)}). Closing.`,
    };
  }
  if (severity === 'insufficient') {
    return { action: 'none', reason: 'not enough data to judge; the issue is left as it is' };
  }
  const { title, body } = renderIssue(report, summaryMarkdown, runUrl, metrics);
  const existing = mine[0];
  if (!existing) return { action: 'open', title, body };
  const before = recordedSeverity(existing.body);
  const notes: string[] = [];
  if (before !== severity)
    notes.push(`Severity is now **${severity}**${before ? ` (was ${before})` : ''}.`);
  const outcome = outcomeLine(report);
  if (outcome) notes.push(outcome);
  return {
    action: 'update',
    number: existing.number,
    title,
    body,
    ...(notes.length ? { comment: `${link}: ${notes.join(' ')}` } : {}),
  };
}

/** Outcomes worth a comment: something was attempted and did not end the warning. */
function outcomeLine(report: RunReport): string | undefined {
  switch (report.outcome) {
    case 'rejected':
      return `Retrained, but the challenger was rejected${report.verdict ? `: ${escapeInline(report.verdict.reason)}` : ''}.`;
    case 'failed':
      return `The run failed: ${escapeInline(report.error ?? report.trainingFailure?.message ?? 'see the run')}.`;
    case 'superseded':
      return `Version ${report.publication?.version ?? ''} was published but not promoted: the alias moved to ${report.publication?.superseded?.serving ?? 'none'} during the run.`;
    case 'shadow':
      return `A shadow version ${report.publication?.version ?? ''} was published without moving the alias.`;
    default:
      return report.guard?.blocked
        ? `Retrain held back: ${escapeInline(report.guard.reason)}.`
        : undefined;
  }
}

const FOOTER =
  '_Updated by model-retrain-action on each run while the model is in warning or alert; closed when it is healthy again or a new version is promoted._';

/**
 * Title and body of the model's issue: the decision and why, the chart, the run, the checks,
 * the run's summary folded. Under GitHub's 65,536 characters: the least important parts go
 * first, and the body says so.
 */
export function renderIssue(
  report: RunReport,
  summaryMarkdown: string,
  runUrl: string | undefined,
  metrics?: MetricsResult,
): { title: string; body: string } {
  const level = report.severity === 'alert' ? 'drift alert' : 'drift warning';
  const title = `Model ${report.model}: ${level}`.slice(0, 250);
  const when = humanTime(report.finishedAt ?? report.startedAt);
  const head = [
    issueMarker(report.model),
    `<!-- model-retrain-state:${JSON.stringify({ severity: report.severity, run: report.run.runId })} -->`,
    `## Model ${codeSpan(report.model)}: ${level}`,
    '',
    `**Decision: \`${report.decision}\`** (${report.severity}) — ${reasonLine(report)}`,
  ].join('\n');
  const run = table(
    ['Run', 'Value'],
    [
      ['Severity', `**${report.severity}**`],
      ['Decision', report.decision],
      ['Outcome', report.outcome],
      ['Trigger', escapeInline(report.trigger.reason)],
      [
        'Last run',
        `${runUrl ? `[${escapeInline(report.run.runId)}](${runUrl})` : escapeInline(report.run.runId)} at ${when} UTC`,
      ],
      ...(report.guard?.blocked ? [['Held back', escapeInline(report.guard.reason)]] : []),
    ],
  );
  const charts = gateCharts(report.gate?.checks ?? [], metrics, unitsOf(report));
  const parts: Part[] = [
    { name: 'header', keep: Infinity, text: head },
    { name: 'charts', keep: 50, text: charts.map(chartMarkdown).join('\n\n') },
    { name: 'run table', keep: 90, text: run },
    {
      name: 'checks',
      keep: 80,
      text: report.gate?.checks.length
        ? renderGateMarkdown(report.gate, { units: unitsOf(report) }).trimEnd()
        : '_No gate checks were evaluated in this run._',
    },
    {
      name: 'run summary',
      keep: 10,
      text: summaryMarkdown ? details('Run summary', summaryMarkdown) : '',
    },
    { name: 'footer', keep: Infinity, text: FOOTER },
  ];
  const body = fitParts(
    parts,
    ISSUE_LIMIT_CHARS,
    chars,
    "GitHub's 65,536-character issue limit",
    runUrl ? `The [run](${runUrl}) has everything.` : 'The run has everything.',
  );
  return { title, body };
}
