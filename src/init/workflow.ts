import { PINNED_ACTIONS as A, THIS_ACTION, usesLine } from './actions.js';
import { PATHS } from './config-file.js';
import { THROWAWAY_ENV } from '../registry-durability.js';
import { usesAws, type InitOptions } from './options.js';

/** Said in a workflow whose registry is a folder of the checkout. */
const THROWAWAY_NOTE = `#
# NOT DURABLE YET: publish.registry is a folder of the checkout, and every job starts from a
# fresh one, so nothing published would outlive the job. The action fails with that reason
# until publish.registry is s3://BUCKET/PREFIX (\`model-retrain init --registry s3://… --force\`).
# For a throwaway experiment only, add at the top level:
#   env:
#     ${THROWAWAY_ENV}: 'true'
`;

/** Lines indented by `n` spaces (empty lines stay empty). */
function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

function awsStep(o: InitOptions, why: string): string {
  return `- uses: ${usesLine(A.awsCredentials)}
  with: # OIDC: no long-lived keys; ${why}
    role-to-assume: \${{ vars.MODEL_REGISTRY_ROLE }}
    aws-region: ${o.awsRegion}
`;
}

/** Secrets the gate needs to read metrics: only the check job reads them. */
function metricsSecrets(o: InitOptions): string {
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

function permissions(o: InitOptions, lines: string[]): string {
  const all = [...lines, ...(usesAws(o) ? ['id-token: write # OIDC for AWS'] : [])];
  return `permissions:\n${all.map((l) => `  ${l}`).join('\n')}\n`;
}

/**
 * The starter workflow: a cheap check job decides, the training job runs only on "retrain"
 * (and only when the dispatch form asked for the whole loop), one run per model at a time.
 */
export function renderWorkflow(o: InitOptions): string {
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
    - uses: ${usesLine(A.checkout)}
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
    - uses: ${usesLine(A.checkout)}
    - uses: ${usesLine(A.setupPython)}
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
      uses: ${usesLine(A.uploadArtifact)}
      with:
        name: model-retrain-\${{ github.run_id }}
        path: \${{ runner.temp }}/model-retrain/
`;

  const rollback = `rollback:
  if: \${{ github.event_name == 'workflow_dispatch' && inputs.mode == 'rollback' }}
  runs-on: ubuntu-latest
  timeout-minutes: 15
${indent(permissions(o, ['contents: read', 'deployments: write # the deployment record']), 2)}  steps:
    - uses: ${usesLine(A.checkout)}
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
