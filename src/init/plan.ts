import { PATHS, renderConfig } from './config-file.js';
import { ACTIONLINT } from './gitignore.js';
import type { InitOptions } from './options.js';
import { sampleMetrics, sampleMetricsCsv } from './sample-metrics.js';
import { renderWorkflow } from './workflow.js';

export interface StarterFile {
  path: string;
  content: string;
  /** One line for the listing printed after writing. */
  what: string;
}

/** Every file the starter holds, in the order they are listed. Pure: templates come in. */
export function planStarter(
  o: InitOptions,
  templates: { notebook: string; requirements: string },
  nowMs: number,
): StarterFile[] {
  const files: StarterFile[] = [
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
      what:
        o.source === 's3'
          ? `sample metrics: the shape of the objects under ${o.metricsUri}`
          : 'sample metrics (healthy): replace with your production log',
    });
  }
  return files;
}
