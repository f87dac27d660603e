import type { InitOptions } from './options.js';

/** Where editors find the config's JSON Schema (the copy in the release the workflow pins). */
export const SCHEMA_URL =
  'https://raw.githubusercontent.com/model-retrain-action/model-retrain-action/v0/schema/model-retrain.schema.json';

export const PATHS = {
  config: '.github/model-retrain.yml',
  workflow: '.github/workflows/model-retrain.yml',
  notebook: 'training/train.ipynb',
  requirements: 'training/requirements.txt',
  metrics: 'monitoring/metrics.csv',
  actionlint: '.github/actionlint.yaml',
  gitignore: '.gitignore',
} as const;

/** The series every starter gates on: the model's top-class probability per prediction. */
const SERIES = 'confidence';

function metricsSection(o: InitOptions): string {
  switch (o.source) {
    case 'file':
      return `metrics:
  source: file
  series:
    - name: ${SERIES} # a column of the file: the model's top-class probability per prediction
  windows:
    end: latest # the newest sample: the sample file works whatever today's date is
    current: { duration: 1d }
    reference: { duration: 7d } # the week before the current day
  file:
    path: ${PATHS.metrics} # timestamp,confidence; replace it with your production log
`;
    case 's3':
      return `metrics:
  source: s3
  series:
    - name: ${SERIES} # a column of the objects: the model's top-class probability per prediction
  windows:
    end: latest # the newest sample
    current: { duration: 1d }
    reference: { duration: 7d }
  s3:
    uri: ${o.metricsUri} # CSV or JSONL objects (gzip too); ${PATHS.metrics} shows the shape
`;
    case 'datadog':
      return `metrics:
  source: datadog # keys: the datadog-api-key and datadog-app-key inputs (secrets)
  series:
    - name: ${SERIES}
      query: avg:model.confidence{model:${o.model}}
  windows:
    end: now
    current: { duration: 1d }
    reference: { duration: 7d }
  datadog:
${o.datadogApiUrl ? `    api_url: ${o.datadogApiUrl}\n` : `    site: ${o.datadogSite ?? 'datadoghq.com'}\n`}`;
    case 'prometheus':
      return `metrics:
  source: prometheus # credentials, if any: the prometheus-* inputs (secrets)
  series:
    - name: ${SERIES}
      query: avg(model_confidence{model="${o.model}"})
  windows:
    end: now
    current: { duration: 1d }
    reference: { duration: 7d }
  prometheus:
    url: ${o.prometheusUrl}
`;
  }
}

/** The starter config: valid against the schema as written, and green with the starter notebook. */
export function renderConfig(o: InitOptions): string {
  return `# yaml-language-server: $schema=${SCHEMA_URL}
# Written by \`model-retrain init\`. Every key: docs/config.md of model-retrain-action.
model:
  name: ${o.model}

${metricsSection(o)}
gate:
  min_samples: 30 # fewer samples in a window: "insufficient", never "alert"
  checks:
    - name: mean confidence
      series: ${SERIES}
      statistic: mean
      direction: below
      warn: 0.8
      alert: 0.7

train:
  notebook: ${PATHS.notebook}
  engine: auto # papermill when it is installed, else the built-in nbclient engine
  timeout: 30m
  gpu: ${o.gpu} # true: fail early unless nvidia-smi lists a GPU
  parameters:
    n_train: 2000
    n_holdout: 1000

validate:
  primary: accuracy # scored for challenger and champion on the same fresh holdout
  metrics:
    accuracy: { direction: higher, floor: 0.6, min_change: 0 }
    f1_macro: { direction: higher, floor: 0.5 }
  # Better beyond chance, or rejected: an equally good challenger (a forced retrain on data that
  # has not changed) is not worth a new version. McNemar's test on predictions.csv.
  significance: { test: mcnemar, required: true }

publish:
  registry: ${o.registry}${o.registry.startsWith('s3://') ? '' : ' # a local folder is for trying it out: use s3://bucket/prefix in a workflow'}
  alias: production
`;
}
