import { escapeInline } from '../text/escape.js';
import { STATES } from './state.js';
import type { FleetReport, FleetModel, ModelState } from './types.js';

/** GitHub keeps 1 MiB of summary per step; a row is ~200 bytes, so the table stops well before. */
const MAX_ROWS = 2000;

const ICON: Record<ModelState, string> = {
  invalid: '⛔',
  failed: '❌',
  retrain: '🔁',
  warn: '⚠️',
  insufficient: '❔',
  ok: '✅',
};

/**
 * One colour per state, the colour of its icon (⛔ dark red, ❌ red, 🔁 blue, ⚠️ yellow, ❔ grey,
 * ✅ green), so the pie reads like the counts line above it.
 */
export const STATE_COLOR: Record<ModelState, string> = {
  invalid: '#82071e',
  failed: '#cf222e',
  retrain: '#0969da',
  warn: '#d4a72c',
  insufficient: '#8c959f',
  ok: '#1a7f37',
};

/**
 * Mermaid colours a pie's slices pie1, pie2, … in the order it draws them (written order, which
 * is also value order as we write them): the init directive gives each state its own colour.
 */
function pieInit(states: readonly ModelState[]): string {
  const vars = states.map((s, i) => `"pie${i + 1}": "${STATE_COLOR[s]}"`).join(', ');
  return `%%{init: {"themeVariables": {${vars}}}}%%`;
}

/**
 * The fleet at a glance: counts and a pie of the states, the retrain matrix and its pools, then
 * one row per model with what needs attention first. Pure; `models` must already be sorted.
 */
export function renderFleetSummary(report: FleetReport, runUrl?: string): string {
  const { counts } = report;
  const total = report.models.length;
  const lines: string[] = [];
  lines.push(
    `## Model fleet · ${total} model(s) · ${report.retrainCount} to retrain${report.forced ? ' (forced)' : ''}`,
    '',
  );
  const attention = counts.invalid + counts.failed;
  if (attention > 0) {
    lines.push(
      '> [!CAUTION]',
      `> ${counts.invalid} invalid config(s) and ${counts.failed} failed check(s): fix them first; they are never retrained.`,
      '',
    );
  }
  lines.push(
    STATES.filter((s) => counts[s] > 0)
      .map((s) => `${ICON[s]} ${s}: **${counts[s]}**`)
      .join(' · ') || 'No model configs found.',
    '',
  );
  if (total > 0) {
    // Our own labels and counts only: nothing from outside reaches the chart.
    // Largest first (ties in state order): Mermaid 11 colours and draws slices sorted by value,
    // Mermaid 12 in written order, so writing them sorted gives each state its colour in both.
    const shown = STATES.filter((s) => counts[s] > 0).sort((a, b) => counts[b] - counts[a]);
    lines.push('```mermaid', pieInit(shown), 'pie showData title Models by state');
    for (const s of shown) lines.push(`  "${s}" : ${counts[s]}`);
    lines.push('```', '');
  }
  if (report.pools.length > 0) {
    const parts = report.matrix.length;
    lines.push(
      `### Retrain matrix`,
      '',
      `${report.retrainCount} job(s) in ${parts} matrix part(s) of at most 256 (GitHub's limit per matrix)${parts > 1 ? ': outputs `matrix`, `matrix-2`…' : ''}.`,
      '',
      '| pool (runs-on) | retrains | recommended max-parallel | why |',
      '| --- | --- | --- | --- |',
      ...report.pools.map(
        (p) =>
          `| ${escapeInline(p.runsOn.join(', '))} | ${p.retrains} | ${p.maxParallel} | ${escapeInline(p.why)} |`,
      ),
      '',
    );
  }
  if (total > 0) {
    lines.push(
      '### Models',
      '',
      '| | model | decision | severity | reason | champion | report |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const m of report.models.slice(0, MAX_ROWS)) lines.push(row(m, runUrl));
    if (total > MAX_ROWS) {
      lines.push('', `… and ${total - MAX_ROWS} more: see the fleet report JSON.`);
    }
    lines.push('');
  }
  lines.push(
    `<sub>Configs: ${escapeInline(report.configs)} · load ${report.timings.load.toFixed(2)} s · checks ${report.timings.check.toFixed(2)} s</sub>`,
    '',
  );
  return lines.join('\n');
}

function row(m: FleetModel, runUrl: string | undefined): string {
  const where = `${m.config}${m.line ? `:${m.line}` : ''}`;
  const model = `**${escapeInline(m.model)}**<br><sub>${escapeInline(where)}</sub>`;
  const champion = m.champion === undefined ? '—' : m.champion === null ? 'none' : `v${m.champion}`;
  const file = m.report ? escapeInline(m.report.split(/[\\/]/).pop() ?? m.report) : '';
  const report = m.report ? (runUrl ? `[${file}](${runUrl})` : file) : '—';
  return `| ${ICON[m.state]} | ${model} | ${m.decision ?? m.state} | ${m.severity ?? '—'} | ${escapeInline(m.reason) || '—'} | ${champion} | ${report} |`;
}
