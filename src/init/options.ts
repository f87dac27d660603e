import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';

export type InitSource = 'file' | 'datadog' | 'prometheus' | 's3';
const SOURCES: readonly InitSource[] = ['file', 'datadog', 'prometheus', 's3'];

/** What `model-retrain init` writes, decided by its flags. */
export interface InitOptions {
  /** The repository to write into. */
  dir: string;
  model: string;
  source: InitSource;
  /** s3://bucket/prefix or a path relative to the repository root. */
  registry: string;
  /** Train on a self-hosted GPU runner (`train.gpu: true`, `runs-on: [self-hosted, gpu]`). */
  gpu: boolean;
  force: boolean;
  /** AWS region and the IAM role the workflow assumes with OIDC (a repository variable by default). */
  awsRegion: string;
  datadogSite?: string;
  datadogApiUrl?: string;
  prometheusUrl?: string;
  /** Where the metrics objects are (source s3). */
  metricsUri?: string;
}

export const INIT_HELP = `model-retrain init: write a starter into a repository (config, workflow, notebook).

Usage:
  model-retrain init [--source file|datadog|prometheus|s3] [--registry s3://BUCKET/PREFIX|PATH]
                     [--gpu] [--model NAME] [--dir DIR] [--force]

Options:
  --source SOURCE        where production metrics come from (default file)
  --registry URI         s3://bucket/prefix (a workflow needs it: jobs start from a fresh
                         checkout), or a local path for trying it out (default registry)
  --gpu                  train on a self-hosted GPU runner (runs-on: [self-hosted, gpu])
  --model NAME           model name: lowercase letters, digits, . - _ (default: the folder's name)
  --dir DIR              the repository to write into (default .)
  --force                overwrite files that exist
  --aws-region REGION    region of the S3 buckets (default us-east-1)
  --datadog-site SITE    source datadog: datadoghq.com (default), datadoghq.eu, …
  --datadog-api-url URL  source datadog: an API base URL instead of the site (a proxy)
  --prometheus-url URL   source prometheus: the server (default http://prometheus:9090)
  --metrics-uri URI      source s3: s3://bucket/prefix/ of the metrics objects
                         (default: metrics/MODEL/ in the registry's bucket)

Writes .github/model-retrain.yml, .github/workflows/model-retrain.yml, training/train.ipynb,
training/requirements.txt, with --gpu .github/actionlint.yaml and, for the file and s3 sources,
monitoring/metrics.csv; adds what runs leave behind to .gitignore.
Existing files are left alone unless --force (.gitignore only gains lines).`;

const MODEL_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** A model name from a folder name: "My Model" → "my-model". */
export function modelNameFrom(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  return name || 'model';
}

const OPTIONS = {
  source: { type: 'string', default: 'file' },
  registry: { type: 'string', default: 'registry' },
  gpu: { type: 'boolean', default: false },
  model: { type: 'string' },
  dir: { type: 'string', default: '.' },
  force: { type: 'boolean', default: false },
  'aws-region': { type: 'string', default: 'us-east-1' },
  'datadog-site': { type: 'string' },
  'datadog-api-url': { type: 'string' },
  'prometheus-url': { type: 'string' },
  'metrics-uri': { type: 'string' },
} as const;

/** init's flags, for "did you mean". */
export const INIT_OPTION_NAMES: readonly string[] = [...Object.keys(OPTIONS), 'help'];

/** Flags → options; throws UserError with the fix on a bad value. */
export function parseInitArgs(argv: string[], folderName: (dir: string) => string): InitOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: OPTIONS,
  });
  if (positionals.length > 0) {
    throw new UserError(`init: unexpected argument "${positionals[0]}"; the folder goes in --dir`);
  }
  const source = values.source as InitSource;
  if (!SOURCES.includes(source)) {
    throw new UserError(
      `init --source: "${values.source}" is not a metrics source; use one of ${SOURCES.join(', ')}`,
    );
  }
  const dir = values.dir ?? '.';
  const model = values.model ?? modelNameFrom(folderName(dir));
  if (!MODEL_NAME.test(model)) {
    throw new UserError(
      `init --model: "${model}" is not a model name; use lowercase letters, digits, ".", "-" and "_", starting with a letter or digit (e.g. ${modelNameFrom(model)})`,
    );
  }
  const registry = values.registry ?? 'registry';
  if (
    registry.startsWith('s3://') &&
    !/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(registry)
  ) {
    throw new UserError(
      `init --registry: "${registry}" is not an S3 URI; use s3://bucket/prefix (bucket names are lowercase)`,
    );
  }
  let metricsUri = values['metrics-uri'];
  if (source === 's3' && !metricsUri) {
    if (!registry.startsWith('s3://')) {
      throw new UserError(
        'init --source s3: give the metrics objects with --metrics-uri s3://bucket/prefix/ (or an s3:// --registry, whose bucket then holds them under metrics/)',
      );
    }
    metricsUri = `s3://${registry.slice(5).split('/')[0]}/metrics/${model}/`;
  }
  if (metricsUri && !metricsUri.startsWith('s3://')) {
    throw new UserError(`init --metrics-uri: "${metricsUri}" must start with s3://`);
  }
  return {
    dir,
    model,
    source,
    registry,
    gpu: values.gpu ?? false,
    force: values.force ?? false,
    awsRegion: values['aws-region'] ?? 'us-east-1',
    ...(values['datadog-site'] ? { datadogSite: values['datadog-site'] } : {}),
    ...(values['datadog-api-url'] ? { datadogApiUrl: values['datadog-api-url'] } : {}),
    ...(source === 'prometheus'
      ? { prometheusUrl: values['prometheus-url'] ?? 'http://prometheus:9090' }
      : {}),
    ...(source === 's3' ? { metricsUri } : {}),
  };
}

/** Whether the workflow needs AWS credentials: an S3 registry or S3 metrics. */
export function usesAws(o: InitOptions): boolean {
  return o.registry.startsWith('s3://') || o.source === 's3';
}
