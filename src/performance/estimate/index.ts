export * from './types.js';
export { estimatePerformance, type EstimateResult } from './estimate.js';
export { readScores, readReference, type ScoreTable } from './input.js';
export { fitEstimator, ASSUMPTIONS, type Estimator, type EstimateOptions } from './estimator.js';
export { confusionMetrics, labelMetrics, oneHot } from './confusion.js';
export {
  judgeEstimated,
  type EstimatedCheck,
  type EstimatedCheckResult,
  type EstimatedStatus,
  type ChunkLevels,
} from './judge.js';
export { referenceChunkLevels, MIN_CHUNKS } from './chunks.js';
export { expectedCalibrationError } from './ece.js';
export { fitIsotonic, predictIsotonic } from './isotonic.js';
