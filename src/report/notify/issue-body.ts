import type { CheckResult, Severity } from '../../gate/types.js';
import type { IssueInfo } from '../../github/types.js';
import { escapeInline } from '../../text/escape.js';
import type { RunReport } from '../types.js';
import { deliveryOf } from './links.js';

/** GitHub's issue body limit is 65,536 characters; stay below with room for the table. */
const MAX_BODY = 60_000;

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
      comment: `Version ${delivery.version} of \`${report.model}\` was promoted to \`${delivery.alias}\` by ${link}. Closing.`,
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
      comment: `\`${report.model}\` is healthy again (${link}: ${escapeInline(report.trigger.reason)}). Closing.`,
    };
  }
  if (severity === 'insufficient') {
    return { action: 'none', reason: 'not enough data to judge; the issue is left as it is' };
  }
  const { title, body } = renderIssue(report, summaryMarkdown, runUrl);
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
      return `Retrained, but the challenger was rejected${report.verdict ? `: ${report.verdict.reason}` : ''}.`;
    case 'failed':
      return `The run failed: ${report.error ?? report.trainingFailure?.message ?? 'see the run'}.`;
    case 'shadow':
      return `A shadow version ${report.publication?.version ?? ''} was published without moving the alias.`;
    default:
      return report.guard?.blocked ? `Retrain held back: ${report.guard.reason}.` : undefined;
  }
}

/** Title and body of the model's issue. */
export function renderIssue(
  report: RunReport,
  summaryMarkdown: string,
  runUrl: string | undefined,
): { title: string; body: string } {
  const level = report.severity === 'alert' ? 'drift alert' : 'drift warning';
  const title = `Model ${report.model}: ${level}`;
  const when = report.finishedAt ?? report.startedAt;
  const lines = [
    issueMarker(report.model),
    `<!-- model-retrain-state:${JSON.stringify({ severity: report.severity, run: report.run.runId })} -->`,
    `## Model \`${report.model}\`: ${level}`,
    '',
    '| | |',
    '| --- | --- |',
    `| Severity | **${report.severity}** |`,
    `| Decision | ${report.decision} |`,
    `| Outcome | ${report.outcome} |`,
    `| Trigger | ${escapeInline(report.trigger.reason)} |`,
    `| Last run | ${runUrl ? `[${report.run.runId}](${runUrl})` : report.run.runId} at ${when} |`,
    ...(report.guard?.blocked ? [`| Held back | ${cell(report.guard.reason)} |`] : []),
    '',
    ...checksTable(report.gate?.checks ?? []),
    ...(report.gate?.reasons.length ? ['', ...report.gate.reasons.map((r) => `- ${r}`)] : []),
  ];
  const footer = [
    '',
    '_Updated by model-retrain-action on each run while the model is in warning or alert; closed when it is healthy again or a new version is promoted._',
  ];
  let body = lines.join('\n');
  const details = `\n\n<details><summary>Run summary</summary>\n\n${summaryMarkdown}\n\n</details>`;
  if (summaryMarkdown && body.length + details.length + 300 < MAX_BODY) body += details;
  return { title, body: body + footer.join('\n') };
}

function checksTable(checks: CheckResult[]): string[] {
  if (checks.length === 0) return ['_No gate checks were evaluated in this run._'];
  return [
    '### Checks',
    '',
    '| Check | Series | Statistic | Value | Warn | Alert | Samples | Status |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...checks.map(
      (c) =>
        `| ${cell(c.name)} | ${cell(c.series)} | ${cell(c.statistic)} | ${num(c.value)} | ${threshold(c.op, c.warn)} | ${threshold(c.op, c.alert)} | ${c.samples.current}${c.samples.reference !== undefined ? ` / ${c.samples.reference}` : ''} | ${c.status === 'ok' ? 'ok' : `**${c.status}**`} |`,
    ),
  ];
}

function threshold(op: string, value: number | undefined): string {
  return value === undefined ? '' : `${op} ${num(value)}`;
}

function num(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
