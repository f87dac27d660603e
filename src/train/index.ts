import type { StageContext } from '../context.js';
import type { TrainConfig } from './config.js';
import type { TrainRequest, TrainResult } from './types.js';

/** Runs the notebook with the configured engine and checks its outputs (throws TrainingFailed). */
export async function runTraining(
  config: TrainConfig,
  request: TrainRequest,
  ctx: StageContext,
): Promise<TrainResult> {
  void config;
  void request;
  void ctx;
  throw new Error('train: not implemented yet');
}
