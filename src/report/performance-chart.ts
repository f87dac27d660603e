/**
 * The chart of realized performance over time (buckets by prediction time): the metric as a
 * line, its 95 % interval as two faint lines, the floor or alert level, and label coverage as
 * bars on the same 0–1 scale. Mermaid xychart; left out when fewer than 3 buckets have values.
 */
import type { PerformanceCheckReport, PerformanceReport } from '../performance/report.js';
import { chartNumber, chartText, sparseLabels, type Chart } from './charts.js';

export function performanceChart(
  p: PerformanceReport,
  check: PerformanceCheckReport,
): Chart | null {
  const b = p.buckets;
  const vals = b.map((x) => x.values[check.metric]?.value ?? null);
  if (vals.filter((v) => v !== null).length < 3) return null;
  const lo = b.map((x) => x.values[check.metric]?.ci?.[0] ?? null);
  const hi = b.map((x) => x.values[check.metric]?.ci?.[1] ?? null);
  const level = check.floor ?? check.limits?.alert ?? check.reference?.value ?? undefined;
  const all = [...vals, ...lo, ...hi, ...(level !== undefined ? [level] : [])].filter(
    (v): v is number => v !== null && Number.isFinite(v),
  );
  const proportion = all.every((v) => v >= 0 && v <= 1);
  const yMin = proportion ? 0 : Math.min(...all);
  const yMax = proportion ? 1 : Math.max(...all);
  // A gap (no labels yet) is drawn at the last value, so the line does not dive to the axis.
  const fill = (xs: (number | null)[]) => {
    let last = xs.find((v) => v !== null) ?? yMin;
    return xs.map((v) => (v === null ? last : (last = v)));
  };
  const coverage = b.map((x) =>
    proportion ? (x.coverage ?? 0) : yMin + (yMax - yMin) * (x.coverage ?? 0),
  );
  const labels = sparseLabels(b.map((x) => chartText(x.start.slice(5, 13).replace('T', ' '), 16)));
  const lines = [
    `%%{init: {"xyChart": {"width": 800, "height": 300}, "themeVariables": {"xyChart": {"plotColorPalette": "#d0d7de, #1f6feb, #8c959f, #8c959f, #cf222e"}}}}%%`,
    'xychart-beta',
    `  title "${chartText(check.name)}: realized ${chartText(check.metric)} by prediction time"`,
    `  x-axis [${labels.map((l) => `"${l}"`).join(', ')}]`,
    `  y-axis "${chartText(check.metric)}" ${chartNumber(yMin)} --> ${chartNumber(yMax)}`,
    `  bar [${coverage.map(chartNumber).join(', ')}]`,
    `  line [${fill(vals).map(chartNumber).join(', ')}]`,
    `  line [${fill(lo).map(chartNumber).join(', ')}]`,
    `  line [${fill(hi).map(chartNumber).join(', ')}]`,
  ];
  if (level !== undefined) lines.push(`  line [${b.map(() => chartNumber(level)).join(', ')}]`);
  const what = check.floor !== undefined ? 'floor' : check.limits ? 'alert limit' : 'reference';
  return {
    mermaid: lines.join('\n'),
    caption: `⬜ bars: label coverage${proportion ? '' : ' (scaled to the axis)'} · 🟦 ${chartText(check.metric)} · grey: 95 % interval${level !== undefined ? ` · 🟥 ${what}` : ''}`,
  };
}
