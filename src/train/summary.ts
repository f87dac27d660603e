import { escapeMarkdown } from '../text/escape.js';
import { stripAnsi } from './notebook.js';
import type { TrainingFailed, TrainResult } from './types.js';

/** Markdown for the job summary: how training went, or where and why it failed. Pure. */
export function renderTrainingMarkdown(result?: TrainResult, failure?: TrainingFailed): string {
  const out: string[] = [];
  if (failure) {
    out.push(`### Training failed (${failure.kind})`, '', escapeText(failure.message), '');
    const cell = failure.cell;
    if (cell) {
      const label = `In [${cell.executionCount ?? ' '}]`;
      out.push(`**Failing cell** ${label} (cell ${cell.index} of the executed notebook):`, '');
      out.push(fence(cell.source, 'python'), '');
      if (cell.ename || cell.evalue) {
        out.push(`**Error:** \`${inline(`${cell.ename}: ${cell.evalue}`)}\``, '');
      }
      const tb = stripAnsi(cell.traceback).trim();
      if (tb)
        out.push(
          '<details><summary>Traceback</summary>',
          '',
          fence(tb, 'text'),
          '',
          '</details>',
          '',
        );
    }
    out.push(
      failure.executedNotebook
        ? `The executed notebook is kept at \`${inline(failure.executedNotebook)}\`.`
        : 'No executed notebook was written.',
      '',
    );
  }
  if (result) {
    out.push('### Training', '');
    out.push('| | |', '| --- | --- |');
    out.push(`| Engine | ${result.engine} |`);
    out.push(`| Duration | ${formatSeconds(result.durationS)} |`);
    if (result.gpu?.length) {
      out.push(
        `| GPU | ${result.gpu.map((g) => `${escapeCell(g.name)} (${formatMiB(g.memoryMiB)})`).join(', ')} |`,
      );
    }
    out.push(`| Executed notebook | \`${inline(result.executedNotebook)}\` |`);
    const metrics = Object.entries(result.metrics.challenger)
      .map(([k, v]) => `${escapeCell(k)} = ${formatNumber(v)}`)
      .join(', ');
    out.push(`| Challenger metrics | ${metrics} |`, '');
    if (result.slowestCells.length) {
      out.push('**Slowest cells**', '', '| Cell | Seconds | First line |', '| --- | ---: | --- |');
      for (const c of result.slowestCells) {
        out.push(
          `| ${c.index} (In [${c.executionCount ?? ' '}]) | ${(c.durationS ?? 0).toFixed(2)} | \`${inline(c.firstLine)}\` |`,
        );
      }
      out.push('');
    }
    if (result.files.length) {
      out.push('**Files**', '', '| File | Size |', '| --- | ---: |');
      for (const f of result.files) out.push(`| \`${inline(f.path)}\` | ${formatBytes(f.size)} |`);
      out.push('');
    }
  }
  return out.join('\n');
}

/** A code fence longer than any backtick run inside, so user code cannot close it early. */
function fence(text: string, lang: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${text.replace(/\n+$/, '')}\n${f}`;
}

function inline(text: string): string {
  return text.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The failure message quotes the notebook's error: outside text, inert Markdown. */
function escapeText(text: string): string {
  return escapeMarkdown(text);
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  if (m < 60) return `${m} min ${rest} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

function formatMiB(mib: number): string {
  return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${mib} MiB`;
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}
