import type { StageContext } from '../context.js';
import type { MetricsConfig } from './config.js';
import { createSource } from './factory.js';
import { Notes } from './notes.js';
import { countPoints, emptySeries } from './series.js';
import type { NamedRange } from './collect.js';
import type { MetricsResult, Series, TimeRange, WindowData } from './types.js';
import { parseWindowEnd, resolveWindows } from './windows.js';

/** Builds the configured source and fetches the current and reference windows. */
export async function fetchMetrics(
  config: MetricsConfig,
  ctx: StageContext,
): Promise<MetricsResult> {
  const notes = new Notes(ctx.logger);
  const end = parseWindowEnd(config.windows.end);
  const source = await createSource(config, ctx, notes);
  try {
    const now = ctx.now().getTime();
    let endMs = end.kind === 'at' ? end.ms : now;
    if (end.kind === 'latest') {
      const latest = await source.latest?.(now);
      if (latest === undefined) {
        notes.warn(
          `metrics.windows.end is "latest" but the ${source.kind} source has no samples; the windows end now instead`,
        );
      } else endMs = latest + 1; // windows are [start, end): the newest sample belongs to the current one
    }
    const ranges = resolveWindows(config.windows, endMs);
    const wanted: NamedRange[] = [{ name: 'current', range: ranges.current }];
    if (ranges.reference) wanted.push({ name: 'reference', range: ranges.reference });
    const got = source.fetchWindows
      ? await source.fetchWindows(wanted)
      : Object.fromEntries(
          await Promise.all(wanted.map(async (w) => [w.name, await source.fetch(w.range, w.name)])),
        );
    const queries = new Map(source.describe().map((q) => [q.series, q.query]));
    const where = (series: string) => `${source.kind} ${queries.get(series) ?? series}`;
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
    const scan = source.scanReport?.();
    return {
      source: source.kind,
      queries: source.describe(),
      current,
      ...(reference ? { reference } : {}),
      points,
      warnings: notes.warnings,
      ...(scan ? { scan } : {}),
    };
  } finally {
    await source.close?.();
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
    if (!found || found.timestamps.length === 0) {
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
