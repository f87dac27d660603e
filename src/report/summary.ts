import { renderGateMarkdown } from '../gate/summary.js';
import type { MetricsResult } from '../metrics/types.js';
import { renderTrainingMarkdown } from '../train/summary.js';
import { TrainingFailed } from '../train/types.js';
import { renderVerdictMarkdown } from '../validate/summary.js';
import { escapeInline, escapeMarkdown } from '../text/escape.js';
import { fmt, table } from './markdown.js';
import type { RunReport } from './types.js';

const HEADLINE: Record<RunReport['outcome'], string> = {
  checked: 'Checked',
  skipped: 'No retrain needed',
  published: 'Published a new version',
  shadow: 'Published in shadow (alias not moved)',
  rejected: 'Challenger rejected: nothing published',
  'rolled-back': 'Rolled back',
  failed: 'Failed',
};

/** The job summary: a readable view of the run report (plus the windows' samples, for the gate's charts). Pure. */
export function renderSummary(report: RunReport, metrics?: MetricsResult): string {
  const parts: string[] = [];
  parts.push(`## Model retrain · \`${report.model}\` · ${HEADLINE[report.outcome]}`);
  parts.push(headline(report));
  parts.push(triggerSection(report));
  if (report.gate) parts.push(gateSection(report, metrics));
  if (report.training || report.trainingFailure) parts.push(trainingSection(report));
  if (report.verdict) parts.push(renderVerdictMarkdown(report.verdict).trimEnd());
  if (report.publication) parts.push(publicationSection(report));
  if (report.notifications && Object.keys(report.notifications).length) {
    parts.push(
      `### Notifications\n\n${table(
        ['Channel', 'Result'],
        Object.entries(report.notifications).map(([k, v]) => [
          k,
          typeof v === 'string' ? v : JSON.stringify(v),
        ]),
      )}`,
    );
  }
  parts.push(
    `<sub>${Object.entries(report.timings)
      .map(([k, v]) => `${k} ${fmt(v, 3)} s`)
      .join(' · ')}${report.path ? ` · report: \`${report.path}\`` : ''}</sub>`,
  );
  return parts.join('\n\n') + '\n';
}

function headline(r: RunReport): string {
  const lines: string[] = [];
  lines.push(
    `**Decision:** \`${r.decision}\` · **severity:** \`${r.severity}\` · **mode:** \`${r.mode}\``,
  );
  if (r.verdict) lines.push(`**Verdict:** \`${r.verdict.status}\` — ${r.verdict.reason}`);
  if (r.publication) {
    const p = r.publication;
    lines.push(
      `**Version:** ${p.version}${p.aliasMoved && p.alias ? ` · alias \`${p.alias}\`: ${p.previousVersion ?? 'none'} → ${p.version}` : ''}`,
    );
  }
  if (r.guard?.blocked) lines.push(`**Held back:** ${r.guard.reason}`);
  // Errors may quote servers (a 500 page) or the event: inert Markdown.
  if (r.error) lines.push(`> [!CAUTION]\n> ${escapeMarkdown(r.error).replace(/\n/g, '\n> ')}`);
  return lines.join('  \n');
}

/** Outside text for a table() cell: inert Markdown; table() escapes the pipes itself. */
function outside(text: string): string {
  return escapeInline(text).replace(/\\\|/g, '|');
}

function triggerSection(r: RunReport): string {
  const t = r.trigger;
  const rows: (string | number | null)[][] = [
    ['Event', `\`${t.event}\``],
    ['Reason', outside(t.reason)],
    ['Forced', t.forced ? 'yes' : 'no'],
  ];
  if (t.alert) {
    rows.push([
      'Alert',
      `${t.alert.transition}${t.alert.title ? ` — ${outside(t.alert.title)}` : ''}`,
    ]);
    if (t.alert.scope) rows.push(['Scope', outside(t.alert.scope)]);
  }
  if (t.dedupeKey) rows.push(['Alert cycle', `\`${t.dedupeKey}\``]);
  if (r.champion)
    rows.push(['Serving', `version ${r.champion.version} (published ${r.champion.createdAt})`]);
  else if (r.champion === null) rows.push(['Serving', 'nothing yet (cold start)']);
  return `### Trigger\n\n${table(['', ''], rows)}`;
}

function gateSection(r: RunReport, metrics?: MetricsResult): string {
  const out: string[] = [];
  if (r.metrics) {
    const w = r.metrics.windows;
    out.push(
      `Metrics from \`${r.metrics.source}\`: current window ${iso(w.current.start)} → ${iso(w.current.end)}${w.reference ? `, reference ${iso(w.reference.start)} → ${iso(w.reference.end)}` : ''}.`,
    );
  }
  return [renderGateMarkdown(r.gate!, metrics).trimEnd(), ...out].join('\n\n');
}

function trainingSection(r: RunReport): string {
  const f = r.trainingFailure;
  const failure = f ? new TrainingFailed(f.message, f.kind, f.executedNotebook, f.cell) : undefined;
  return renderTrainingMarkdown(r.training, failure).trimEnd();
}

function publicationSection(r: RunReport): string {
  const p = r.publication!;
  const rows: (string | number)[][] = [
    ['Version', p.version],
    ['Files', `\`${p.uri}\``],
    ['Manifest', `\`${p.manifestUri}\``],
  ];
  if (p.alias)
    rows.push([
      'Alias',
      p.aliasMoved
        ? `\`${p.alias}\` → ${p.version} (was ${p.previousVersion ?? 'none'})`
        : `\`${p.alias}\` not moved`,
    ]);
  if (p.resumed) rows.push(['Note', 'resumed the version this workflow run had already claimed']);
  return `### ${r.outcome === 'rolled-back' ? 'Rollback' : 'Publication'}\n\n${table(['', ''], rows)}`;
}

function iso(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/:00\.000Z$/, 'Z')
    .replace('.000Z', 'Z');
}
