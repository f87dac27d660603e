#!/usr/bin/env node
// Markdown tables for docs/gate.md from `npm run bench -- gate-quality` lines (JSONL on stdin):
// one table per series, one row per (scenario, n) with and without persistence side by side.
import { readFileSync } from 'node:fs';

// Lines of the same cell from several runs (other seeds) are pooled: counts add up.
const pooled = new Map();
for (const l of readFileSync(0, 'utf8')
  .split('\n')
  .filter((x) => x.startsWith('{'))
  .map((x) => JSON.parse(x))
  .filter((x) => x.bench === 'gate-quality')) {
  const k = `${l.series}|${l.scenario}|${l.n}|${l.persistence}`;
  const p = pooled.get(k);
  if (!p) {
    pooled.set(k, { ...l });
    continue;
  }
  const reps = p.replicates + l.replicates;
  for (const f of [
    'retrain_rate',
    'warn_rate',
    'insufficient_rate',
    'evidently_rate',
    'monitor_rate',
  ])
    p[f] = (p[f] * p.replicates + l[f] * l.replicates) / reps;
  p.replicates = reps;
  p.retrain_ci = wilson(Math.round(p.retrain_rate * reps), reps);
}
const lines = [...pooled.values()];

function wilson(k, n, z = 1.959963984540054) {
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}
const pct = (x) => (x === undefined ? '' : `${(100 * x).toFixed(1)} %`);
const ci = (c) => (c ? `${(100 * c[0]).toFixed(1)}–${(100 * c[1]).toFixed(1)} %` : '');
const key = (l) => `${l.series}|${l.scenario}|${l.n}`;
const rows = new Map();
for (const l of lines) {
  const r = rows.get(key(l)) ?? { series: l.series, scenario: l.scenario, n: l.n };
  r[l.persistence ? 'p' : 'np'] = l;
  rows.set(key(l), r);
}
const header = [
  'scenario',
  'n',
  'retrain',
  '95 % CI (Wilson)',
  'warn',
  'retrain, persistence',
  'warn, persistence',
  'Evidently',
  'mean monitor',
  'replicates',
];
const right = new Set([1, 2, 4, 5, 6, 7, 8, 9]);
for (const series of ['normal', 'heavy', 'confidence', 'category']) {
  const rs = [...rows.values()].filter((r) => r.series === series);
  if (!rs.length) continue;
  // the bench's scenario order; any other scenario after them, in the order the lines give
  const order = [
    ...new Set([
      'none_iid',
      'none_seasonal',
      'shift_0.1sd',
      'shift_0.2sd',
      'shift_0.5sd',
      'variance_1.25',
      'gradual',
      'transient_spike',
      'category_mix',
      ...lines.map((l) => l.scenario),
    ]),
  ];
  rs.sort((a, b) => order.indexOf(a.scenario) - order.indexOf(b.scenario) || a.n - b.n);
  const body = rs.map((r) => {
    const a = r.np ?? r.p;
    return [
      r.scenario,
      String(r.n),
      pct(r.np?.retrain_rate),
      ci(r.np?.retrain_ci),
      pct(r.np?.warn_rate),
      pct(r.p?.retrain_rate),
      pct(r.p?.warn_rate),
      pct(a.evidently_rate),
      pct(a.monitor_rate),
      String(a.replicates),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cells) =>
    `| ${cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  process.stdout.write(`### Series \`${series}\`\n\n`);
  process.stdout.write(`${fmt(header)}\n`);
  process.stdout.write(
    `| ${widths.map((w, i) => (right.has(i) ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |\n`,
  );
  for (const b of body) process.stdout.write(`${fmt(b)}\n`);
  process.stdout.write('\n');
}
