import { parseDuration } from '../config/duration.js';
import type { StageContext } from '../context.js';
import { UserError } from '../errors.js';
import type { MetricsConfig } from './config.js';
import { DatadogSource, datadogBaseUrl, datadogChunkMs } from './datadog.js';
import { FileSource } from './file.js';
import type { Notes } from './notes.js';
import { PrometheusSource, promAuth, promBaseUrl, prometheusOptions } from './prometheus.js';
import type { MetricsSource } from './types.js';

/** Builds the one adapter the config names. */
export async function createSource(
  config: MetricsConfig,
  ctx: StageContext,
  notes: Notes,
): Promise<MetricsSource> {
  switch (config.source) {
    case 'file': {
      const file = config.file;
      if (!file) throw missingSection('file', 'path: metrics.csv');
      return new FileSource({
        path: file.path,
        root: ctx.root,
        format: file.format,
        timestampColumn: file.timestamp_column,
        partitionSlackMs: slackMs(file.partition_slack, 'metrics.file.partition_slack'),
        series: config.series,
        notes,
        logger: ctx.logger,
      });
    }
    case 'datadog': {
      const dd = config.datadog ?? {};
      return new DatadogSource({
        series: config.series,
        baseUrl: datadogBaseUrl(dd.site, dd.api_url),
        site: dd.api_url ?? dd.site ?? 'datadoghq.com',
        apiKey: ctx.secrets.datadogApiKey,
        appKey: ctx.secrets.datadogAppKey,
        chunkMs: datadogChunkMs(dd.chunk),
        concurrency: dd.concurrency ?? 4,
        notes,
        signal: ctx.signal,
      });
    }
    case 'prometheus': {
      const prom = config.prometheus;
      if (!prom) throw missingSection('prometheus', 'url: http://prometheus:9090');
      const { base, stepMs } = prometheusOptions(prom);
      return new PrometheusSource({
        series: config.series,
        url: base,
        auth: promAuth(prom.auth, ctx.secrets, promBaseUrl(prom.url)),
        ...(stepMs ? { stepMs } : {}),
        concurrency: prom.concurrency ?? 4,
        notes,
        signal: ctx.signal,
      });
    }
    case 's3': {
      if (!config.s3) throw missingSection('s3', 'uri: s3://bucket/metrics/');
      // The AWS SDK loads only for this source.
      const { createS3Source } = await import('./s3.js');
      return createS3Source(config.s3, config.series, notes, process.env, ctx.signal, ctx.logger);
    }
    default:
      throw new UserError(`metrics.source: "${String(config.source)}" is not supported yet`);
  }
}

function slackMs(value: string | number | undefined, field: string): number | undefined {
  return value === undefined ? undefined : parseDuration(value, field);
}

function missingSection(source: string, example: string): UserError {
  return new UserError(
    `metrics.${source}: source is "${source}" but the metrics.${source} section is missing; add e.g. metrics.${source}: { ${example} }`,
  );
}
