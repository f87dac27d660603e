export const id = 69;
export const ids = [69];
export const modules = {

/***/ 7069:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  initCommand: () => (/* binding */ initCommand)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/cli/usage.ts
var usage = __webpack_require__(7485);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/registry-durability.ts
var registry_durability = __webpack_require__(1882);
;// CONCATENATED MODULE: ./src/init/config-file.ts
/** Where editors find the config's JSON Schema (the copy in the release the workflow pins). */
const SCHEMA_URL = 'https://raw.githubusercontent.com/model-retrain-action/model-retrain-action/v0/schema/model-retrain.schema.json';
const PATHS = {
    config: '.github/model-retrain.yml',
    workflow: '.github/workflows/model-retrain.yml',
    notebook: 'training/train.ipynb',
    requirements: 'training/requirements.txt',
    metrics: 'monitoring/metrics.csv',
    actionlint: '.github/actionlint.yaml',
    gitignore: '.gitignore',
};
/** The series every starter gates on: the model's top-class probability per prediction. */
const SERIES = 'confidence';
function metricsSection(o) {
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
function renderConfig(o) {
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

;// CONCATENATED MODULE: ./src/init/gitignore.ts

/** actionlint's config: the self-hosted label the GPU job asks for is a known one. */
const ACTIONLINT = `# Written by \`model-retrain init --gpu\`: the training job runs on [self-hosted, gpu].
self-hosted-runner:
  labels: [gpu]
`;
/** What runs leave behind in the repository, one .gitignore line each, with why. */
function ignoredPaths(o) {
    const local = !o.registry.startsWith('s3://') && !(0,external_node_path_.isAbsolute)(o.registry);
    return [
        {
            line: '/.model-retrain/',
            why: 'run reports, summaries and executed notebooks of local runs',
        },
        ...(local
            ? [
                {
                    line: `/${o.registry.replace(/^\.\//, '').replace(/\/+$/, '')}/`,
                    why: 'the local registry',
                },
            ]
            : []),
        { line: '__pycache__/', why: "the notebook's Python" },
        { line: '.ipynb_checkpoints/', why: 'Jupyter' },
    ];
}
/**
 * The .gitignore after init: the existing text with the missing lines appended (never a line
 * removed), or null when nothing is missing.
 */
function mergeGitignore(existing, o) {
    const have = new Set((existing ?? '').split('\n').map((l) => l.trim()));
    const missing = ignoredPaths(o).filter((p) => !have.has(p.line));
    if (missing.length === 0)
        return null;
    // A .gitignore comment must have a line of its own: `#` after a pattern is part of it.
    const block = [
        '# What model-retrain runs leave behind (written by `model-retrain init`)',
        ...missing.flatMap((p) => [`# ${p.why}`, p.line]),
    ].join('\n');
    const head = existing && !existing.endsWith('\n') ? `${existing}\n` : (existing ?? '');
    return `${head}${head ? '\n' : ''}${block}\n`;
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/init/options.ts


const SOURCES = ['file', 'datadog', 'prometheus', 's3'];
const INIT_HELP = `model-retrain init: write a starter into a repository (config, workflow, notebook).

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
function modelNameFrom(folder) {
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
};
/** init's flags, for "did you mean". */
const INIT_OPTION_NAMES = [...Object.keys(OPTIONS), 'help'];
/** Flags → options; throws UserError with the fix on a bad value. */
function parseInitArgs(argv, folderName) {
    const { values, positionals } = (0,external_node_util_.parseArgs)({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: OPTIONS,
    });
    if (positionals.length > 0) {
        throw new errors/* UserError */.yo(`init: unexpected argument "${positionals[0]}"; the folder goes in --dir`);
    }
    const source = values.source;
    if (!SOURCES.includes(source)) {
        throw new errors/* UserError */.yo(`init --source: "${values.source}" is not a metrics source; use one of ${SOURCES.join(', ')}`);
    }
    const dir = values.dir ?? '.';
    const model = values.model ?? modelNameFrom(folderName(dir));
    if (!MODEL_NAME.test(model)) {
        throw new errors/* UserError */.yo(`init --model: "${model}" is not a model name; use lowercase letters, digits, ".", "-" and "_", starting with a letter or digit (e.g. ${modelNameFrom(model)})`);
    }
    const registry = values.registry ?? 'registry';
    if (registry.startsWith('s3://') &&
        !/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(registry)) {
        throw new errors/* UserError */.yo(`init --registry: "${registry}" is not an S3 URI; use s3://bucket/prefix (bucket names are lowercase)`);
    }
    let metricsUri = values['metrics-uri'];
    if (source === 's3' && !metricsUri) {
        if (!registry.startsWith('s3://')) {
            throw new errors/* UserError */.yo('init --source s3: give the metrics objects with --metrics-uri s3://bucket/prefix/ (or an s3:// --registry, whose bucket then holds them under metrics/)');
        }
        metricsUri = `s3://${registry.slice(5).split('/')[0]}/metrics/${model}/`;
    }
    if (metricsUri && !metricsUri.startsWith('s3://')) {
        throw new errors/* UserError */.yo(`init --metrics-uri: "${metricsUri}" must start with s3://`);
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
function usesAws(o) {
    return o.registry.startsWith('s3://') || o.source === 's3';
}

;// CONCATENATED MODULE: ./src/init/sample-metrics.ts
/** Small seeded generator (mulberry32): the same sample file for the same seed. */
function rng(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
/**
 * Nine days of a healthy model's per-prediction confidence (mean ≈ 0.9), one sample every
 * `everyMinutes`, ending at `endMs`: enough for the starter's 1-day and 7-day windows.
 */
function sampleMetrics(endMs, everyMinutes = 10, seed = 1) {
    const next = rng(seed);
    const step = everyMinutes * 60_000;
    const end = Math.floor(endMs / step) * step;
    const n = Math.floor((9 * 86_400_000) / step);
    const timestamps = [];
    const values = [];
    for (let i = n - 1; i >= 0; i--) {
        // A confident model: mostly 0.85–0.99, now and then an unsure prediction.
        const v = next() < 0.08 ? 0.4 + 0.4 * next() : 0.85 + 0.14 * next();
        timestamps.push(end - i * step);
        values.push(Math.round(v * 1e4) / 1e4);
    }
    return { timestamps, values };
}
/** timestamp,confidence CSV, as the file and s3 sources read it. */
function sampleMetricsCsv(m) {
    const lines = ['timestamp,confidence'];
    for (let i = 0; i < m.timestamps.length; i++) {
        lines.push(`${new Date(m.timestamps[i]).toISOString().replace('.000Z', 'Z')},${m.values[i]}`);
    }
    return lines.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/init/actions.ts
/**
 * Third-party actions the starter workflow uses, pinned by commit SHA (a tag can be moved; a
 * commit cannot). Dependabot's github-actions updates keep SHA pins and their version comments
 * current in the user's repository.
 */
const PINNED_ACTIONS = {
    checkout: {
        uses: 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8',
        version: 'v5.0.0',
    },
    setupPython: {
        uses: 'actions/setup-python@e797f83bcb11b83ae66e0230d6156d7c80228e7c',
        version: 'v6.0.0',
    },
    awsCredentials: {
        uses: 'aws-actions/configure-aws-credentials@a03048d87541d1d9fcf2ecf528a4a65ba9bd7838',
        version: 'v5.0.0',
    },
    uploadArtifact: {
        uses: 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02',
        version: 'v4.6.2',
    },
};
/** This action: the major tag moves with every compatible release (see the release workflow). */
const THIS_ACTION = 'model-retrain-action/model-retrain-action@v0';
/** `uses: owner/repo@sha # vX.Y.Z` */
function usesLine(action) {
    return `${action.uses} # ${action.version}`;
}

;// CONCATENATED MODULE: ./src/init/workflow.ts




/** Said in a workflow whose registry is a folder of the checkout. */
const THROWAWAY_NOTE = `#
# NOT DURABLE YET: publish.registry is a folder of the checkout, and every job starts from a
# fresh one, so nothing published would outlive the job. The action fails with that reason
# until publish.registry is s3://BUCKET/PREFIX (\`model-retrain init --registry s3://… --force\`).
# For a throwaway experiment only, add at the top level:
#   env:
#     ${registry_durability/* THROWAWAY_ENV */.h}: 'true'
`;
/** Lines indented by `n` spaces (empty lines stay empty). */
function indent(text, n) {
    const pad = ' '.repeat(n);
    return text
        .split('\n')
        .map((l) => (l ? pad + l : l))
        .join('\n');
}
function awsStep(o, why) {
    return `- uses: ${usesLine(PINNED_ACTIONS.awsCredentials)}
  with: # OIDC: no long-lived keys; ${why}
    role-to-assume: \${{ vars.MODEL_REGISTRY_ROLE }}
    aws-region: ${o.awsRegion}
`;
}
/** Secrets the gate needs to read metrics: only the check job reads them. */
function metricsSecrets(o) {
    if (o.source === 'datadog') {
        return `datadog-api-key: \${{ secrets.DATADOG_API_KEY }}
datadog-app-key: \${{ secrets.DATADOG_APP_KEY }}
`;
    }
    if (o.source === 'prometheus') {
        return `# Only if your Prometheus wants credentials (otherwise remove these two lines):
prometheus-username: \${{ secrets.PROMETHEUS_USERNAME }}
prometheus-password: \${{ secrets.PROMETHEUS_PASSWORD }}
`;
    }
    return '';
}
function permissions(o, lines) {
    const all = [...lines, ...(usesAws(o) ? ['id-token: write # OIDC for AWS'] : [])];
    return `permissions:\n${all.map((l) => `  ${l}`).join('\n')}\n`;
}
/**
 * The starter workflow: a cheap check job decides, the training job runs only on "retrain"
 * (and only when the dispatch form asked for the whole loop), one run per model at a time.
 */
function renderWorkflow(o) {
    const aws = usesAws(o);
    const awsWhy = o.registry.startsWith('s3://') ? 'the registry is on S3' : 'the metrics are on S3';
    const checkAws = aws ? awsStep(o, `the check reads the serving version: ${awsWhy}`) : '';
    const trainAws = aws ? awsStep(o, awsWhy) : '';
    const runsOn = o.gpu ? '[self-hosted, gpu]' : 'ubuntu-latest';
    const check = `check:
  # The gate on a cheap runner; its decision output gates the training job.
  if: \${{ github.event_name != 'workflow_dispatch' || inputs.mode != 'rollback' }}
  runs-on: ubuntu-latest
  timeout-minutes: 15
${indent(permissions(o, ['contents: read', 'issues: write # one issue per model while a warning lasts']), 2)}  outputs:
    decision: \${{ steps.gate.outputs.decision }}
    severity: \${{ steps.gate.outputs.severity }}
    gate-verdict: \${{ steps.gate.outputs.gate-verdict }}
  steps:
    - uses: ${usesLine(PINNED_ACTIONS.checkout)}
${indent(checkAws, 4)}    - id: gate
      uses: ${THIS_ACTION}
      with:
        mode: check
        force: \${{ inputs.force || false }}
        reason: \${{ inputs.reason }}
${indent(metricsSecrets(o), 8)}`;
    const retrain = `retrain:
  needs: check
  # mode "check" in the dispatch form stops after the gate, whatever it decided.
  if: \${{ needs.check.outputs.decision == 'retrain' && (github.event_name != 'workflow_dispatch' || inputs.mode == 'full') }}
  runs-on: ${runsOn}
  timeout-minutes: ${o.gpu ? 180 : 60}
${indent(permissions(o, ['contents: read', 'issues: write # close the warning issue on promotion', 'deployments: write # the deployment record']), 2)}  steps:
    - uses: ${usesLine(PINNED_ACTIONS.checkout)}
    - uses: ${usesLine(PINNED_ACTIONS.setupPython)}
      with:
        python-version: '3.11'
        cache: pip
        cache-dependency-path: ${PATHS.requirements}
    - name: Install the notebook's packages and the engine
      run: python -m pip install -r ${PATHS.requirements}
${indent(trainAws, 4)}    - id: retrain
      uses: ${THIS_ACTION}
      with:
        mode: retrain
        # The check's verdict whole: this job reports its severity and why, not a bare "retrain".
        gate-verdict: \${{ needs.check.outputs.gate-verdict }}
        reason: \${{ inputs.reason }}
    - name: Keep the run report and the executed notebook
      if: always()
      uses: ${usesLine(PINNED_ACTIONS.uploadArtifact)}
      with:
        name: model-retrain-\${{ github.run_id }}
        path: \${{ runner.temp }}/model-retrain/
`;
    const rollback = `rollback:
  if: \${{ github.event_name == 'workflow_dispatch' && inputs.mode == 'rollback' }}
  runs-on: ubuntu-latest
  timeout-minutes: 15
${indent(permissions(o, ['contents: read', 'deployments: write # the deployment record']), 2)}  steps:
    - uses: ${usesLine(PINNED_ACTIONS.checkout)}
${indent(trainAws, 4)}    - uses: ${THIS_ACTION}
      with:
        mode: rollback
        rollback-to: \${{ inputs.rollback-to }}
        reason: \${{ inputs.reason }}
`;
    return `# Written by \`model-retrain init\`: the retraining loop of ${o.model}.
# A cheap check on ubuntu-latest decides; the training job runs only when it says "retrain".
# Set-up (runner, secrets, the AWS role, permissions): docs/adopt.md of model-retrain-action.
${o.registry.startsWith('s3://') ? '' : THROWAWAY_NOTE}name: Model retrain (${o.model})

on:
  schedule:
    - cron: '17 */6 * * *' # every 6 hours
  workflow_dispatch:
    inputs:
      mode:
        description: 'full: check, then retrain if the gate says so; check: the gate only; rollback: serve an earlier version'
        type: choice
        options: [full, check, rollback]
        default: full
      force:
        description: 'Retrain whatever the gate says'
        type: boolean
        default: false
      reason:
        description: 'Why (recorded in the report and the model lineage)'
        type: string
        default: ''
      rollback-to:
        description: 'With mode rollback: the version to serve (empty: the previous one)'
        type: string
        default: ''
  push:
    branches: [main]
    paths:
      - 'training/**'
      - '${PATHS.config}'

# One run per model at a time: a newer trigger waits instead of racing the publish.
concurrency:
  group: model-retrain-${o.model}
  cancel-in-progress: false

# Nothing by default: each job asks for what it needs.
permissions: {}

jobs:
${indent(check, 2)}
${indent(retrain, 2)}
${indent(rollback, 2)}`;
}

;// CONCATENATED MODULE: ./src/init/plan.ts




/** Every file the starter holds, in the order they are listed. Pure: templates come in. */
function planStarter(o, templates, nowMs) {
    const files = [
        { path: PATHS.config, content: renderConfig(o), what: 'the config (schema line for editors)' },
        {
            path: PATHS.workflow,
            content: renderWorkflow(o),
            what: `the workflow: a check job, a ${o.gpu ? 'GPU ' : ''}training job, a rollback job`,
        },
        {
            path: PATHS.notebook,
            content: templates.notebook,
            what: 'the training notebook (parameters, output folder, metrics file, champion re-scoring)',
        },
        {
            path: PATHS.requirements,
            content: templates.requirements,
            what: "the runner's Python: the engine and the notebook's packages",
        },
    ];
    if (o.gpu) {
        files.push({
            path: PATHS.actionlint,
            content: ACTIONLINT,
            what: 'declares the self-hosted runner label "gpu" for actionlint',
        });
    }
    if (o.source === 'file' || o.source === 's3') {
        files.push({
            path: PATHS.metrics,
            content: sampleMetricsCsv(sampleMetrics(nowMs)),
            what: o.source === 's3'
                ? `sample metrics: the shape of the objects under ${o.metricsUri}`
                : 'sample metrics (healthy): replace with your production log',
        });
    }
    return files;
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/init/templates.ts



/**
 * The folder of the starter's notebook and requirements: src/init/templates beside this file,
 * or dist/cli/templates beside the bundle (scripts/bundle.mjs copies it there).
 */
function templatesDir() {
    const here = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
    const dir = (0,external_node_path_.join)(here, 'templates');
    if (!(0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, 'train.ipynb'))) {
        throw new Error(`init: the starter templates are missing from ${dir}; rebuild the bundle`);
    }
    return dir;
}
function readTemplate(name) {
    return (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(templatesDir(), name), 'utf8');
}

;// CONCATENATED MODULE: ./src/init/command.ts










/** `model-retrain init`: writes the starter, refusing to overwrite unless --force. Exit code. */
function initCommand(argv) {
    if (argv.includes('--help') || argv.includes('-h')) {
        console.log(INIT_HELP);
        return 0;
    }
    try {
        const o = parseInitArgs(argv, (dir) => (0,external_node_path_.basename)((0,external_node_path_.resolve)(dir)));
        const root = (0,external_node_path_.resolve)(o.dir);
        const files = planStarter(o, { notebook: readTemplate('train.ipynb'), requirements: readTemplate('requirements.txt') }, Date.now());
        const existing = files.filter((f) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(root, f.path))).map((f) => f.path);
        if (existing.length > 0 && !o.force) {
            throw new errors/* UserError */.yo(`init: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''} in ${root}; nothing was written (--force overwrites)`);
        }
        for (const f of files) {
            const path = (0,external_node_path_.join)(root, f.path);
            (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
            (0,external_node_fs_.writeFileSync)(path, f.content);
            console.log(`wrote ${f.path.padEnd(38)} ${f.what}`);
        }
        // .gitignore is the user's file: lines are added, never replaced.
        const ignorePath = (0,external_node_path_.join)(root, PATHS.gitignore);
        const before = (0,external_node_fs_.existsSync)(ignorePath) ? (0,external_node_fs_.readFileSync)(ignorePath, 'utf8') : null;
        const ignore = mergeGitignore(before, o);
        if (ignore !== null) {
            (0,external_node_fs_.writeFileSync)(ignorePath, ignore);
            console.log(`${before === null ? 'wrote' : 'updated'} ${PATHS.gitignore.padEnd(38)} what runs leave behind (reports, a local registry)`);
        }
        const durable = o.registry.startsWith('s3://');
        if (!durable)
            console.error(`\n${throwawayWarning(o.registry)}`);
        console.log(nextSteps(o.source, usesAws(o), o.gpu, durable));
        return 0;
    }
    catch (error) {
        if ((0,usage/* isFlagError */.LW)(error)) {
            console.error((0,usage/* flagError */.VP)(error, INIT_OPTION_NAMES, usage/* INIT_USAGE */.ry));
            return 2;
        }
        console.error(`error: ${(0,errors/* errorMessage */.gJ)(error)}`);
        return 1;
    }
}
/** Said when init writes a workflow whose registry would not outlive a job. */
function throwawayWarning(registry) {
    return `warning: publish.registry is "${registry}", a folder in this repository: fine for trying the loop on this machine, but every GitHub Actions job starts from a fresh checkout, so the workflow would keep no model (each run would retrain and publish version 1 again). The action fails with this reason until the registry is durable: run init again with --registry s3://BUCKET/PREFIX --force (or set publish.registry in ${PATHS.config}); for a throwaway experiment only, set ${registry_durability/* THROWAWAY_ENV */.h}: 'true' in the workflow's env.`;
}
function nextSteps(source, aws, gpu, durable) {
    const self = (0,usage/* selfCommand */.ee)();
    const steps = [
        `try it here (Python with training/requirements.txt installed): ${self} --mode check (the gate), ${self} (check, then retrain: the cold start publishes version 1), ${self} versions`,
        ...(durable
            ? []
            : [
                `before you push: give the workflow a durable registry (${self} init --registry s3://BUCKET/PREFIX --force)`,
            ]),
        ...(source === 'datadog'
            ? ['add the secrets DATADOG_API_KEY and DATADOG_APP_KEY (the check job reads metrics)']
            : []),
        ...(aws
            ? [
                'create an IAM role trusting GitHub OIDC for this repository and set the variable MODEL_REGISTRY_ROLE',
            ]
            : []),
        ...(gpu
            ? ['register a self-hosted runner with the label "gpu" (NVIDIA driver, nvidia-smi)']
            : []),
        'commit and push; the workflow runs every 6 hours and from the Actions tab',
    ];
    return `\nNext:\n${steps.map((s) => `  - ${s}`).join('\n')}`;
}


/***/ })

};
