import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { StageContext } from '../context.js';
import { UserError } from '../errors.js';
import type { ChampionInfo } from '../registry/index.js';
import type { TrainResult } from '../train/types.js';
import { defaultSignificance, type ValidateConfig } from './config.js';
import { judge, type JudgeInput } from './policy.js';
import { encodePredictions, parsePredictionsCsv } from './predictions.js';
import { requireScoreKernel } from './scores.js';
import { testSignificance } from './significance.js';
import type { SignificanceResult, Verdict } from './types.js';

export { judge, type JudgeInput } from './policy.js';
export { renderVerdictMarkdown } from './summary.js';

export interface ValidateOptions {
  /** The dry-run input: the verdict is reported but never blocks and never moves the alias. */
  dryRun: boolean;
}

/** Champion vs challenger: reads what it needs (predictions), then applies the pure policy. */
export async function validateChallenger(
  config: ValidateConfig,
  train: TrainResult,
  champion: ChampionInfo | null,
  options: ValidateOptions,
  ctx: StageContext,
): Promise<Verdict> {
  const input: JudgeInput = {
    challenger: train.metrics.challenger,
    champion: championBasis(train, champion, ctx),
    dryRun: options.dryRun,
  };
  const sig = { ...defaultSignificance, ...config.significance };
  if (input.champion && sig.test !== 'none') {
    const outcome = await significanceOf(config, train);
    if (typeof outcome === 'string') {
      if (sig.required) {
        throw new UserError(
          `validate.significance.required is true but ${outcome}; write per-example predictions (y_true, challenger, champion) and name the file under "predictions" in metrics.json`,
        );
      }
      input.significanceUnavailable = outcome;
      ctx.logger.warning(`significance test skipped: ${outcome}`);
    } else {
      input.significance = outcome;
    }
  }
  const verdict = judge(config, input);
  for (const r of verdict.rules) {
    const mark = r.skipped ? 'skip' : r.passed ? 'pass' : 'FAIL';
    ctx.logger.info(`${mark} ${r.metric} ${r.rule}: ${r.detail}`);
  }
  return verdict;
}

/** Prefer the champion re-scored on the challenger's holdout; else what it recorded when published. */
function championBasis(
  train: TrainResult,
  champion: ChampionInfo | null,
  ctx: StageContext,
): JudgeInput['champion'] {
  if (!champion) {
    if (train.metrics.champion) {
      ctx.logger.warning(
        'metrics.json has "champion" metrics but no version is published yet: treating this run as a cold start',
      );
    }
    return null;
  }
  if (train.metrics.champion) {
    return { metrics: train.metrics.champion, basis: 'rescored', version: champion.version };
  }
  return { metrics: champion.metrics, basis: 'recorded', version: champion.version };
}

/** Runs the configured test on the predictions file, or says why it cannot. */
async function significanceOf(
  config: ValidateConfig,
  train: TrainResult,
): Promise<SignificanceResult | string> {
  const sig = { ...defaultSignificance, ...config.significance };
  const name = train.metrics.predictions;
  if (!name) return 'metrics.json names no "predictions" file';
  const file = isAbsolute(name) ? name : resolve(train.outputDir, name);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return `the predictions file ${name} named in metrics.json does not exist under output_dir`;
  }
  const field = sig.metric ? 'validate.significance.metric' : 'validate.primary';
  const kernel = requireScoreKernel(sig.metric ?? config.primary, field);
  const cols = parsePredictionsCsv(text, name);
  if (!cols.champion) return `the predictions file ${name} has no champion column`;
  return testSignificance(sig, kernel, encodePredictions(cols, kernel, name));
}
