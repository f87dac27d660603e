import type { MetricsResult, Series } from '../metrics/types.js';
import { fmt } from './format.js';
import { isDistribution } from './measure.js';
import { categoryCounts } from './stats/categorical.js';
import { binCountsUnsorted, finiteCopy, quantileEdgesUnsorted } from './stats/psi-raw.js';
import type { CheckResult, GateReport, Severity } from './types.js';

const STATUS: Record<Severity, string> = {
  ok: 'ok',
  warn: 'WARN',
  alert: 'ALERT',
  insufficient: 'insufficient data',
};

const BAR_WIDTH = 24;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** Markdown cell text: pipes and newlines would break the table. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function oneLine(s: string): string {
  return s.replace(/\r?\n/g, ' ');
}

function threshold(c: CheckResult, t: number | undefined): string {
  return t === undefined ? '' : `${c.op} ${fmt(t)}`;
}

/**
 * The gate's part of the job summary: the decision and its reasons, one table row per check,
 * notes, and for each series with a distribution check a text histogram of the current window
 * against the reference on the reference's decile bins (or categories). Pure.
 */
export function renderGateMarkdown(report: GateReport, metrics?: MetricsResult): string {
  const out: string[] = [];
  const flags = [report.forced ? 'forced' : '', report.dryRun ? 'dry run' : ''].filter(Boolean);
  out.push(
    `### Drift gate: ${STATUS[report.severity]} → ${report.decision}${flags.length ? ` (${flags.join(', ')})` : ''}`,
    '',
  );
  for (const r of report.reasons) out.push(`- ${oneLine(r)}`);
  out.push('');
  if (report.checks.length) {
    out.push('| check | series | statistic | value | warn | alert | samples | status |');
    out.push('| --- | --- | --- | ---: | ---: | ---: | ---: | --- |');
    for (const c of report.checks) {
      const samples =
        c.samples.reference === undefined
          ? String(c.samples.current)
          : `${c.samples.current} / ${c.samples.reference}`;
      out.push(
        `| ${cell(c.name)} | ${cell(c.series)} | ${cell(c.statistic)} | ${fmt(c.value)} | ${threshold(c, c.warn)} | ${threshold(c, c.alert)} | ${samples} | ${STATUS[c.status]} |`,
      );
    }
    out.push('');
    const notes = report.checks.filter((c) => c.note);
    if (notes.length) {
      out.push('Samples are current / reference.', '');
      for (const c of notes) out.push(`- **${oneLine(c.name)}**: ${oneLine(c.note as string)}`);
      out.push('');
    }
  }
  if (metrics?.reference) {
    const seen = new Set<string>();
    for (const c of report.checks) {
      if (!isDistribution(c.statistic) || seen.has(c.series)) continue;
      seen.add(c.series);
      const cur = metrics.current.series[c.series];
      const ref = metrics.reference.series[c.series];
      const chart = cur && ref ? histogram(c.series, ref, cur) : null;
      if (chart) out.push(chart, '');
    }
  }
  return out.join('\n').trimEnd() + '\n';
}

function bar(share: number, max: number): string {
  const eighths = max > 0 ? Math.round((share / max) * BAR_WIDTH * 8) : 0;
  return '█'.repeat(Math.floor(eighths / 8)) + (EIGHTHS[eighths % 8] as string);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** A fixed-width text histogram in a code block; null when a window has no usable samples. */
export function histogram(name: string, reference: Series, current: Series): string | null {
  let labels: string[];
  let r: Float64Array;
  let c: Float64Array;
  let caption: string;
  if (reference.labels || current.labels) {
    const k = categoryCounts(reference.labels ?? [], current.labels ?? []);
    labels = k.categories;
    r = k.ref;
    c = k.cur;
    caption = 'share per category';
  } else {
    // Selection and one binning pass: rendering must not sort large windows again.
    const a = finiteCopy(reference.values);
    if (!a.length) return null;
    const edges = [...new Set(quantileEdgesUnsorted(a, 10))];
    const e = Float64Array.from(edges);
    r = binCountsUnsorted(a, e);
    c = binCountsUnsorted(current.values, e);
    labels = Array.from(r, (_, i) =>
      i === 0
        ? `< ${fmt(edges[0])}`
        : i === edges.length
          ? `≥ ${fmt(edges[i - 1])}`
          : `[${fmt(edges[i - 1])}, ${fmt(edges[i])})`,
    );
    caption = 'share per reference-decile bin';
  }
  const nr = r.reduce((s, x) => s + x, 0);
  const nc = c.reduce((s, x) => s + x, 0);
  if (!nr || !nc) return null;
  const rs = Array.from(r, (x) => x / nr);
  const cs = Array.from(c, (x) => x / nc);
  const max = Math.max(...rs, ...cs);
  const w = Math.max(5, ...labels.map((l) => l.length));
  const lines = [
    `${name}: ${caption}`,
    `${'bin'.padEnd(w)}  ${'reference'.padEnd(BAR_WIDTH + 8)}  current`,
  ];
  for (let i = 0; i < labels.length; i++) {
    const left = `${pct(rs[i] as number).padStart(6)} ${bar(rs[i] as number, max)}`;
    lines.push(
      `${(labels[i] as string).padEnd(w)}  ${left.padEnd(BAR_WIDTH + 8)}  ${pct(cs[i] as number).padStart(6)} ${bar(cs[i] as number, max)}`,
    );
  }
  return ['```text', ...lines.map((l) => l.trimEnd()), '```'].join('\n');
}
