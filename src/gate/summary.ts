import { escapeInline } from '../text/escape.js';
import { fmt } from './format.js';
import { isDistribution, isPValueCheck } from './measure.js';
import type { CheckResult, GateReport, Severity } from './types.js';

const STATUS: Record<Severity, string> = {
  ok: 'ok',
  warn: 'WARN',
  alert: 'ALERT',
  insufficient: 'insufficient data',
};

export interface GateMarkdownOptions {
  /** Unit per series (e.g. Datadog's "ms"), shown with values in the series' own units. */
  units?: Record<string, string>;
  /** What held the gate's retrain back after it decided (cooldown, de-duplication): the heading says so. */
  heldBy?: string;
}

/** ks and chi2 checks report the test's p-value, not an effect size: say so wherever it is shown. */
export function isPValue(c: CheckResult): boolean {
  return isDistribution(c.statistic) && isPValueCheck(c.statistic);
}

/** Aggregates (mean, p95, …) are in the series' units; pct_change, distances and p-values are not. */
function unitOf(c: CheckResult, units: Record<string, string> | undefined): string {
  if (isDistribution(c.statistic) || c.statistic === 'pct_change' || c.statistic === 'count')
    return '';
  const u = units?.[c.series];
  return u ? ` ${escapeInline(u)}` : '';
}

/** The check's value as a reader needs it: "p = 0.003" for p-values, "12 %" for pct_change, units. */
export function checkValue(c: CheckResult, units?: Record<string, string>): string {
  if (c.value === null) return '—';
  if (isPValue(c)) return `p = ${fmt(c.value)}`;
  if (c.statistic === 'pct_change') return `${fmt(c.value)} %`;
  return `${fmt(c.value)}${unitOf(c, units)}`;
}

/** A threshold as "< 0.7" with the value's unit. */
export function checkThreshold(
  c: CheckResult,
  t: number | undefined,
  units?: Record<string, string>,
): string {
  if (t === undefined) return '—';
  if (isPValue(c)) return `p ${c.op} ${fmt(t)}`;
  if (c.statistic === 'pct_change') return `${c.op} ${fmt(t)} %`;
  return `${c.op} ${fmt(t)}${unitOf(c, units)}`;
}

/** The statistic's name, with what its value is when that is not obvious. */
export function statisticLabel(c: CheckResult): string {
  if (isPValue(c)) return `${c.statistic} (p-value of the test)`;
  if (c.statistic === 'pct_change') {
    const of = typeof c.detail?.of === 'string' ? c.detail.of : 'mean';
    return `pct_change of ${of} vs reference`;
  }
  return c.statistic;
}

/**
 * The gate's part of the job summary: the decision and its reasons, one table row per check,
 * notes. Charts are drawn by the report (Mermaid). Pure.
 */
export function renderGateMarkdown(report: GateReport, opts: GateMarkdownOptions = {}): string {
  const out: string[] = [];
  const flags = [report.forced ? 'forced' : '', report.dryRun ? 'dry run' : ''].filter(Boolean);
  const outcome = opts.heldBy ? ` (held back by ${opts.heldBy})` : ` → ${report.decision}`;
  out.push(
    `### Drift gate: ${STATUS[report.severity]}${outcome}${flags.length ? ` (${flags.join(', ')})` : ''}`,
    '',
  );
  for (const r of report.reasons) out.push(`- ${escapeInline(r)}`);
  out.push('');
  if (report.checks.length) {
    out.push(
      '| check | series | statistic | value | warn | alert | samples (current) | samples (reference) | status |',
    );
    out.push('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const c of report.checks) {
      out.push(
        `| ${escapeInline(c.name)} | ${escapeInline(c.series)} | ${statisticLabel(c)} | ${checkValue(c, opts.units)} | ${checkThreshold(c, c.warn, opts.units)} | ${checkThreshold(c, c.alert, opts.units)} | ${c.samples.current} | ${c.samples.reference ?? '—'} | ${STATUS[c.status]} |`,
      );
    }
    out.push('');
    const notes = report.checks.filter((c) => c.note);
    for (const c of notes)
      out.push(`- **${escapeInline(c.name)}**: ${escapeInline(c.note as string)}`);
    if (notes.length) out.push('');
  }
  return out.join('\n').trimEnd() + '\n';
}
