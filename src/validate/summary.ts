import { escapeInline } from '../text/escape.js';
import { fmt, fmtP, fmtSigned } from './format.js';
import type { MetricRow, RuleResult, Verdict } from './types.js';

function num(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : fmt(x);
}

function arrow(row: MetricRow): string {
  if (row.delta === null || row.delta === 0 || !row.direction) return '';
  const better = row.direction === 'higher' ? row.delta > 0 : row.delta < 0;
  return better ? ' ▲' : ' ▼';
}

function mark(r: RuleResult): string {
  if (r.skipped) return '⏭️ skipped';
  return r.passed ? '✅ pass' : '❌ fail';
}

function heading(v: Verdict): string {
  if (v.advisory) {
    const would = v.wouldBe === 'reject' ? '❌ would reject' : '✅ would promote';
    return `### Validation: ${would} (dry run, not blocking)`;
  }
  if (v.status === 'reject') return '### Validation: ❌ challenger rejected';
  if (v.moveAlias === false)
    return '### Validation: ✅ challenger passes (shadow: alias not moved)';
  return '### Validation: ✅ challenger promoted';
}

function basis(v: Verdict): string {
  const version = v.championVersion != null ? ` v${v.championVersion}` : '';
  switch (v.comparison) {
    case 'rescored':
      return `Compared with champion${version} re-scored on the challenger's holdout (like for like).`;
    case 'recorded':
      return `Compared with champion${version}'s metrics recorded at its publication: different data, so deltas mix model and data changes.`;
    default:
      return 'Cold start: no champion yet, only floors and ceilings apply.';
  }
}

function significanceLines(v: Verdict): string[] {
  const s = v.significance;
  if (!s) return [];
  const level = typeof s.level === 'number' ? fmt(s.level) : String(s.level);
  const req = s.required ? 'required' : 'advisory';
  if (typeof s.p !== 'number') {
    return [
      `**Significance** (${escapeInline(String(s.test))}, ${req}): not computed — ${escapeInline(String(s.note ?? ''))}`,
    ];
  }
  const result = s.significant
    ? `significant at ${level}`
    : s.better
      ? `better but not significant at ${level}`
      : `not significantly better at ${level}`;
  let how: string;
  if (s.test === 'mcnemar') {
    how = `McNemar exact test on ${String(s.n)} paired examples: challenger alone right on ${String(s.challengerOnly)}, champion alone right on ${String(s.championOnly)}`;
  } else {
    const conf = typeof s.level === 'number' ? fmt((1 - s.level) * 100) : '?';
    how = `paired bootstrap of Δ${escapeInline(String(s.metric))} on ${String(s.n)} examples (${String(s.resamples)} resamples, seed ${String(s.seed)}): ${conf} % interval [${fmtSigned(Number(s.ciLow))}, ${fmtSigned(Number(s.ciHigh))}]`;
  }
  const delta =
    typeof s.delta === 'number' ? `, Δ${escapeInline(String(s.metric))} ${fmtSigned(s.delta)}` : '';
  return [`**Significance** (${req}): ${result}, p=${fmtP(s.p)}${delta} — ${how}.`];
}

/**
 * The verdict as Markdown for the job summary: the reason, a chart (Markdown, drawn by the
 * report), the table with deltas, every rule, significance, basis, mode.
 */
export function renderVerdictMarkdown(v: Verdict, chart?: string): string {
  const out: string[] = [heading(v), '', `> ${escapeInline(v.reason)}`, ''];
  if (chart) out.push(chart, '');
  out.push('| metric | champion | challenger | Δ | Δ % |', '| --- | ---: | ---: | ---: | ---: |');
  for (const row of v.table) {
    const name =
      row.role === 'primary'
        ? `**${escapeInline(row.metric)}** (primary)`
        : escapeInline(row.metric);
    const delta = row.delta === null ? '—' : `${fmtSigned(row.delta)}${arrow(row)}`;
    const rel =
      row.relativeDelta === null || row.relativeDelta === undefined
        ? '—'
        : `${fmtSigned(row.relativeDelta * 100)} %`;
    out.push(`| ${name} | ${num(row.champion)} | ${num(row.challenger)} | ${delta} | ${rel} |`);
  }
  out.push('');
  if (v.rules.length) {
    out.push('| rule | metric | result | detail |', '| --- | --- | --- | --- |');
    for (const r of v.rules) {
      out.push(
        `| ${r.rule} | ${escapeInline(r.metric)} | ${mark(r)} | ${escapeInline(r.detail)} |`,
      );
    }
  } else {
    out.push('_No rule applies: no bounds configured and nothing to compare with._');
  }
  out.push('', ...significanceLines(v));
  if (v.significance) out.push('');
  out.push(basis(v));
  if (v.advisory) {
    out.push(
      '',
      `Dry run: the verdict would be **${v.wouldBe ?? v.status}**; it is reported only and does not block.`,
    );
  }
  if (v.mode === 'shadow') {
    out.push(
      '',
      v.status === 'promote'
        ? 'Shadow mode: the challenger is published as a new version; the serving alias stays where it is.'
        : 'Shadow mode: a rejected challenger is not published.',
    );
  }
  return out.join('\n') + '\n';
}
