import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { gateConfigProblem } from '../gate/validate-config.js';
import { performanceConfigProblem } from '../performance/validate-config.js';
import { trainConfigProblem } from '../train/check-config.js';
import { registryLocationProblem } from '../registry/config.js';
import { checkValidateConfig } from '../validate/check.js';
import type { Config } from './types.js';

/** Rules JSON Schema cannot say: cross-references between sections and files that must exist. */
export function checkSemantics(
  config: Config,
): { path: (string | number)[]; message: string } | null {
  const series = new Set(config.metrics.series.map((s) => s.name));
  for (const [i, check] of config.gate.checks.entries()) {
    if (!series.has(check.series)) {
      return {
        path: ['gate', 'checks', i, 'series'],
        message: `unknown series "${check.series}"; metrics.series defines ${[...series].map((s) => `"${s}"`).join(', ')}`,
      };
    }
  }
  const perfProblem = performanceConfigProblem(config);
  if (perfProblem) return perfProblem;
  const gateProblem = gateConfigProblem(config.gate);
  if (gateProblem) return gateProblem;
  const source = config.metrics.source;
  if (config.metrics.series.length > 0 && !(source in config.metrics)) {
    return {
      path: ['metrics'],
      message: `source is "${source}" but there is no "${source}:" section configuring it`,
    };
  }
  if (source === 'datadog' || source === 'prometheus') {
    const i = config.metrics.series.findIndex((s) => !s.query);
    if (i >= 0)
      return { path: ['metrics', 'series', i], message: `a ${source} series needs a "query"` };
  }
  for (const [path, location] of [
    [['publish', 'registry'], config.publish.registry],
    [['publish', 'triton', 'repository'], config.publish.triton?.repository],
  ] as const) {
    const problem = location === undefined ? null : registryLocationProblem(location);
    if (problem) return { path: [...path], message: problem };
  }
  const validateProblem = checkValidateConfig(config.validate);
  if (validateProblem) return validateProblem;
  const trainProblem = trainConfigProblem(config.train);
  if (trainProblem) return trainProblem;
  const notebook = resolve(config.root, config.train.notebook);
  if (!existsSync(notebook)) {
    return {
      path: ['train', 'notebook'],
      message: `notebook ${config.train.notebook} not found (looked in ${notebook})`,
    };
  }
  return null;
}
