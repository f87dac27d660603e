import type { StageContext } from '../context.js';
import type { MetricsConfig } from './config.js';
import type { JoinedLog } from '../performance/join.js';
import { createSource } from './factory.js';
import { readPredictionLog } from './prediction-log.js';
import { Notes } from './notes.js';
import { countPoints, emptySeries } from './series.js';
import type { NamedRange } from './collect.js';
import type { MetricsResult, MetricsSource, Series, TimeRange, WindowData } from './types.js';
import type { ScannedSource } from './scanned.js';
import { StreamingWindows } from './streaming.js';
import { DEFAULT_EXACT_MAX } from '../gate/stats/numeric-summary.js';
import { rowsOf } from '../gate/stats/window-summary.js';
import { parseWindowEnd, resolveWindows } from './windows.js';

/** Builds the configured source and fetches the current and reference windows. */
export async function fetchMetrics(
  config: MetricsConfig,
  ctx: StageContext,
  options: { exactMax?: number } = {},
): Promise<MetricsResult> {
  const notes = new Notes(ctx.logger);
  const end = parseWindowEnd(config.windows.end);
  // A performance-only policy reads no series: there is no series source to build.
  const source = config.series.length ? await createSource(config, ctx, notes) : undefined;
  try {
    const now = ctx.now().getTime();
    let endMs = end.kind === 'at' ? end.ms : now;
    // "latest" without a series source: the newest prediction decides, so the log is read whole.
    const logLatest = end.kind === 'latest' && !source;
    if (end.kind === 'latest' && source) {
      const latest = await source.latest?.(now);
      if (latest === undefined) {
        notes.warn(
          `metrics.windows.end is "latest" but the ${source.kind} source has no samples; the windows end now instead`,
        );
      } else endMs = latest + 1; // windows are [start, end): the newest sample belongs to the current one
    }
    let predictions: JoinedLog | undefined;
    if (config.predictions && logLatest) {
      predictions = await readLog(config, { start: -Infinity, end: Infinity }, ctx);
      let latest = -Infinity;
      for (const t of predictions.t) if (t > latest) latest = t;
      if (Number.isFinite(latest)) endMs = latest + 1;
      else
        notes.warn(
          'metrics.windows.end is "latest" but the prediction log has no rows; the windows end now instead',
        );
    }
    const ranges = resolveWindows(config.windows, endMs);
    if (config.predictions && !predictions) {
      const start = Math.min(ranges.current.start, ranges.reference?.start ?? Infinity);
      predictions = await readLog(config, { start, end: ranges.current.end }, ctx);
    }
    if (predictions) for (const n of predictions.notes ?? []) notes.warn(n);
    const wanted: NamedRange[] = [{ name: 'current', range: ranges.current }];
    if (ranges.reference) wanted.push({ name: 'reference', range: ranges.reference });
    const streamed = source
      ? await streamWindows(source, config, wanted, options.exactMax ?? DEFAULT_EXACT_MAX)
      : undefined;
    const got = !source
      ? {}
      : streamed
        ? streamed.windows
        : source.fetchWindows
          ? await source.fetchWindows(wanted)
          : Object.fromEntries(
              await Promise.all(
                wanted.map(async (w) => [w.name, await source.fetch(w.range, w.name)]),
              ),
            );
    const queries = new Map((source?.describe() ?? []).map((q) => [q.series, q.query]));
    const where = (series: string) => `${source?.kind} ${queries.get(series) ?? series}`;
    const current = complete(config, got.current, ranges.current, 'current', notes, where);
    const reference = ranges.reference
      ? complete(config, got.reference, ranges.reference, 'reference', notes, where)
      : undefined;
    const points: MetricsResult['points'] = {};
    for (const s of config.series) {
      points[s.name] = {
        current: countPoints(current.series[s.name] as Series),
        ...(reference ? { reference: countPoints(reference.series[s.name] as Series) } : {}),
      };
      ctx.logger.info(
        `metrics: ${s.name}: ${points[s.name]?.current} point(s) in the current window` +
          (reference ? `, ${points[s.name]?.reference} in the reference window` : ''),
      );
    }
    const read = source?.scanReport?.();
    const scan =
      read && streamed?.note ? { ...read, summary: `${read.summary}; ${streamed.note}` } : read;
    if (streamed?.note) ctx.logger.info(`metrics: ${streamed.note}`);
    return {
      source: source?.kind ?? 'predictions',
      queries: source?.describe() ?? [],
      current,
      ...(reference ? { reference } : {}),
      ...(predictions ? { predictions } : {}),
      points,
      warnings: notes.warnings,
      ...(scan ? { scan } : {}),
    };
  } finally {
    await source?.close?.();
  }
}

/**
 * Columnar sources (Parquet) stream both windows in one pass, in memory bounded by `exactMax`
 * rows per window (src/metrics/streaming.ts); undefined for sources that cannot.
 */
async function streamWindows(
  source: MetricsSource,
  config: MetricsConfig,
  wanted: NamedRange[],
  exactMax: number,
): Promise<{ windows: ReturnType<StreamingWindows['result']>; note?: string } | undefined> {
  const scanner = source as MetricsSource & Partial<Pick<ScannedSource, 'scanBatches'>>;
  if (typeof scanner.scanBatches !== 'function') return undefined;
  const sink = new StreamingWindows(config.series, wanted, exactMax);
  if (!(await scanner.scanBatches(sink))) return undefined;
  const windows = sink.result();
  if (!sink.streaming) return { windows };
  const rows = wanted.map((w) => {
    const first = Object.values(windows[w.name] ?? {})[0];
    const n = first?.streamed ? rowsOf(first.streamed) : (first?.values.length ?? 0);
    return `${w.name} ${n.toLocaleString('en-US')}`;
  });
  return {
    windows,
    note: `windows streamed into summaries, over gate.exact_max_samples (${exactMax.toLocaleString('en-US')} rows; ${rows.join(', ')}): order statistics come from quantile sketches, approximate within the bound each check states`,
  };
}

/** Reads and joins the prediction log and its labels (metrics.predictions). */
async function readLog(
  config: MetricsConfig,
  span: TimeRange,
  ctx: StageContext,
): Promise<JoinedLog> {
  const cfg = config.predictions!;
  const t0 = performance.now();
  const usesS3 = cfg.log.startsWith('s3://') || cfg.labels.startsWith('s3://');
  const s3 = usesS3
    ? (await import('./s3-tables.js')).s3TableOpener(config.s3, process.env, ctx.signal)
    : undefined;
  try {
    const log = await readPredictionLog(cfg, span, {
      root: ctx.root,
      ...(s3 ? { s3Inputs: s3.inputs } : {}),
    });
    const s = log.stats;
    ctx.logger.info(
      `predictions: ${s.predictions} read (${log.rows} in the windows), ${s.labels} label(s) read, ${s.unknownIds.count} for unknown ids, ${s.duplicateLabels.count} id(s) labelled twice; ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    return log;
  } finally {
    s3?.close();
  }
}

/** One window; every configured series is present, empty when the source had nothing. */
function complete(
  config: MetricsConfig,
  got: Record<string, Series> | undefined,
  range: TimeRange,
  name: 'current' | 'reference',
  notes: Notes,
  where: (series: string) => string,
): WindowData {
  const series: Record<string, Series> = {};
  for (const s of config.series) {
    const found = got?.[s.name];
    series[s.name] = found ?? emptySeries(s.name, s.categorical);
    if (!found || (found.streamed ? rowsOf(found.streamed) : found.timestamps.length) === 0) {
      notes.warn(
        `metrics: series "${s.name}" has no samples in the ${name} window (${iso(range.start)} to ${iso(range.end)}; looked in ${where(s.name)})`,
      );
    }
  }
  return { name, range, series };
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}
