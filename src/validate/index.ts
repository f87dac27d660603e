import type { StageContext } from '../context.js';
import type { ChampionInfo } from '../registry/index.js';
import type { TrainResult } from '../train/types.js';
import type { ValidateConfig } from './config.js';
import type { Verdict } from './types.js';

export interface ValidateOptions {
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
  void config;
  void train;
  void champion;
  void options;
  void ctx;
  throw new Error('validate: not implemented yet');
}
