import type { RunReport } from './types.js';
import { cell, codeBlock, fmt, table } from './markdown.js';

const HEADLINE: Record<RunReport['outcome'], string> = {
  checked: 'Checked',
  skipped: 'No retrain needed',
  published: 'Published a new version',
  shadow: 'Published in shadow (alias not moved)',
  rejected: 'Challenger rejected: nothing published',
  'rolled-back': 'Rolled back',
  failed: 'Failed',
};

/** The job summary: a readable view of the run report. Pure. */
export function renderSummary(report: RunReport): string {
  const parts: string[] = [];
  parts.push(`## Model retrain · \`${report.model}\` · ${HEADLINE[report.outcome]}`);
  parts.push(headline(report));
  parts.push(triggerSection(report));
  if (report.gate) parts.push(gateSection(report));
  if (report.training || report.trainingFailure) parts.push(trainingSection(report));
  if (report.verdict) parts.push(verdictSection(report));
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
  if (r.error) lines.push(`> [!CAUTION]\n> ${r.error.replace(/\n/g, '\n> ')}`);
  return lines.join('  \n');
}

function triggerSection(r: RunReport): string {
  const t = r.trigger;
  const rows: (string | number | null)[][] = [
    ['Event', `\`${t.event}\``],
    ['Reason', t.reason],
    ['Forced', t.forced ? 'yes' : 'no'],
  ];
  if (t.alert) {
    rows.push(['Alert', `${t.alert.transition}${t.alert.title ? ` — ${t.alert.title}` : ''}`]);
    if (t.alert.scope) rows.push(['Scope', t.alert.scope]);
  }
  if (t.dedupeKey) rows.push(['Alert cycle', `\`${t.dedupeKey}\``]);
  if (r.champion)
    rows.push(['Serving', `version ${r.champion.version} (published ${r.champion.createdAt})`]);
  else if (r.champion === null) rows.push(['Serving', 'nothing yet (cold start)']);
  return `### Trigger\n\n${table(['', ''], rows)}`;
}

function gateSection(r: RunReport): string {
  const g = r.gate!;
  const out = [`### Drift gate`];
  if (r.metrics) {
    const w = r.metrics.windows;
    out.push(
      `Source \`${r.metrics.source}\`; current window ${iso(w.current.start)} → ${iso(w.current.end)}${w.reference ? `, reference ${iso(w.reference.start)} → ${iso(w.reference.end)}` : ''}.`,
    );
  }
  if (g.checks.length) {
    out.push(
      table(
        ['Check', 'Series', 'Statistic', 'Value', 'Warn', 'Alert', 'Samples', 'Status'],
        g.checks.map((c) => [
          c.name,
          c.series,
          c.statistic,
          fmt(c.value),
          c.warn === undefined ? '—' : `${c.op} ${fmt(c.warn)}`,
          c.alert === undefined ? '—' : `${c.op} ${fmt(c.alert)}`,
          c.samples.reference === undefined
            ? c.samples.current
            : `${c.samples.current} / ${c.samples.reference}`,
          `**${c.status}**`,
        ]),
      ),
    );
  }
  if (g.reasons.length) out.push(g.reasons.map((x) => `- ${x}`).join('\n'));
  return out.join('\n\n');
}

function trainingSection(r: RunReport): string {
  const out = ['### Training'];
  const t = r.training;
  if (t) {
    out.push(
      `Engine \`${t.engine}\`, ${fmt(t.durationS, 3)} s${t.gpu?.length ? `, GPU ${t.gpu.map((g) => `${g.name} (${g.memoryMiB} MiB)`).join(', ')}` : ''}. Executed notebook: \`${t.executedNotebook}\`.`,
    );
    if (t.slowestCells.length) {
      out.push(
        table(
          ['Cell', 'Seconds', 'First line'],
          t.slowestCells.map((c) => [
            c.executionCount ?? c.index,
            fmt(c.durationS, 3),
            `\`${cell(c.firstLine)}\``,
          ]),
        ),
      );
    }
    if (t.files.length)
      out.push(`Model files: ${t.files.map((f) => `\`${f.path}\` (${f.size} B)`).join(', ')}`);
  }
  const f = r.trainingFailure;
  if (f) {
    out.push(`**Training failed (${f.kind}):** ${f.message}`);
    if (f.cell) {
      out.push(
        `Failing cell ${f.cell.executionCount ?? f.cell.index}:\n\n${codeBlock(f.cell.source, 'python')}`,
      );
      out.push(`${codeBlock(`${f.cell.ename}: ${f.cell.evalue}\n${f.cell.traceback}`.trim())}`);
    }
    if (f.executedNotebook)
      out.push(`The executed notebook was kept at \`${f.executedNotebook}\`.`);
  }
  return out.join('\n\n');
}

function verdictSection(r: RunReport): string {
  const v = r.verdict!;
  const basis = v.coldStart
    ? 'No champion yet: floors only.'
    : v.comparison === 'rescored'
      ? "Champion re-scored on the challenger's holdout."
      : 'Champion metrics as recorded at its publication (measured on different data).';
  const out = [`### Champion vs challenger`, basis];
  out.push(
    table(
      ['Metric', 'Champion', 'Challenger', 'Δ'],
      v.table.map((m) => [
        m.metric,
        fmt(m.champion),
        fmt(m.challenger),
        m.delta === null ? '—' : (m.delta >= 0 ? '+' : '') + fmt(m.delta),
      ]),
    ),
  );
  if (v.rules.length)
    out.push(
      table(
        ['Rule', 'Result', 'Detail'],
        v.rules.map((x) => [x.rule, x.passed ? 'pass' : '**fail**', x.detail]),
      ),
    );
  if (v.advisory) out.push('_Dry run: the verdict is advisory and did not block._');
  return out.join('\n\n');
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
