/**
 * The summary's part on estimated performance: estimated (with its band) against realized for
 * the windows whose labels arrived, as a Mermaid chart, and in words what a persistent gap
 * means. Pure.
 */
import type { EstimateHistoryReport } from '../gate/estimate-history-report.js';
import type { EstimateRecord } from '../performance/estimate/record.js';
import { escapeInline } from '../text/escape.js';
import {
  chartMarkdown,
  chartNumber,
  chartText,
  MAX_POINTS,
  sparseLabels,
  type Chart,
} from './charts.js';

const COLORS = ['#1f6feb', '#8c959f', '#8c959f', '#cf222e'];

/** Estimated, its interval and realized, per window of `metric` whose labels arrived. */
export function estimateChart(records: readonly EstimateRecord[], metric: string): Chart | null {
  const of = records.filter((r) => r.metric === metric);
  const done = of.filter((r) => r.realized).slice(-MAX_POINTS);
  if (done.length < 2) return null;
  const series = [
    done.map((r) => r.value),
    done.map((r) => r.interval[0]),
    done.map((r) => r.interval[1]),
    done.map((r) => r.realized!.value),
  ];
  const all = series.flat();
  if (!all.every(Number.isFinite)) return null;
  const pad = Math.max(0.01, (Math.max(...all) - Math.min(...all)) * 0.1);
  const lo = Math.max(0, Math.min(...all) - pad);
  const hi = Math.min(1, Math.max(...all) + pad);
  const labels = sparseLabels(done.map((r) => chartText(r.start.slice(5, 10), 12))).map(
    (l) => `"${l}"`,
  );
  const lines = [
    `%%{init: {"xyChart": {"width": 800, "height": 320}, "themeVariables": {"xyChart": {"plotColorPalette": "${COLORS.join(', ')}"}}}}%%`,
    'xychart-beta',
    `  title "estimated vs realized ${chartText(metric, 32)}"`,
    `  x-axis [${labels.join(', ')}]`,
    `  y-axis "${chartText(metric, 32)}" ${chartNumber(lo)} --> ${chartNumber(hi)}`,
    ...series.map((s) => `  line [${s.map(chartNumber).join(', ')}]`),
  ];
  const waiting = of.length - of.filter((r) => r.realized).length;
  return {
    mermaid: lines.join('\n'),
    caption: `🟦 estimated · ⬜ its 95 % interval · 🟥 realized, once the window's labels arrived${waiting ? ` · ${waiting} window${waiting > 1 ? 's' : ''} still waiting for labels` : ''}`,
  };
}

export function renderEstimatesMarkdown(e: EstimateHistoryReport): string | null {
  const out: string[] = [];
  for (const f of e.findings) out.push(`> [!WARNING]\n> ${escapeInline(f.message)}`);
  for (const w of e.warnings) out.push(`> [!WARNING]\n> ${escapeInline(w)}`);
  const metrics = [...new Set(e.recent.map((r) => r.metric))];
  for (const m of metrics) {
    const c = estimateChart(e.recent, m);
    if (c) out.push(chartMarkdown(c));
  }
  if (e.reconciled.length) {
    const rows = e.reconciled.map(
      (r) =>
        `| ${r.start.slice(0, 10)} | ${escapeInline(r.metric)} | ${r.value.toFixed(3)} [${r.interval[0].toFixed(3)}, ${r.interval[1].toFixed(3)}] | ${r.realized!.value.toFixed(3)} (${Math.round(100 * r.realized!.coverage)} % labelled) | ${r.realized!.error >= 0 ? '+' : ''}${r.realized!.error.toFixed(3)} | ${r.realized!.side} |`,
    );
    out.push(
      [
        '| window | metric | estimated [95 %] | realized | error | realized vs interval |',
        '| --- | --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    );
  }
  const pending = e.recent.filter((r) => !r.realized).length;
  out.push(
    `Estimates stored this run: ${e.stored}; windows reconciled with their labels: ${e.reconciled.length}; waiting for labels: ${pending}${e.recorded ? '' : ' (dry run: history read, not written)'}.`,
  );
  return out.length ? `### Estimated performance\n\n${out.join('\n\n')}` : null;
}
