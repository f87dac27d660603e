/**
 * Bench contract: a module `bench/<room>.bench.ts` exports `benches`. The runner (run.ts)
 * starts one child process per (bench, size), so each line's peak RSS is that case's alone.
 */
export interface BenchCase {
  /** Seconds our code took. */
  ours_s: number;
  /** The peer measured in the same run (scipy, AWS CLI…), or null. */
  peer: string | null;
  peer_s: number | null;
  /** Extra figures worth printing (peer RSS, throughput…). */
  extra?: Record<string, number | string | null | number[]>;
  /** Where an issue fixes a bench's line shape: these lines are printed as they are, instead
   * of the one standard line. */
  lines?: Record<string, unknown>[];
}

export interface Bench {
  /** Starts with the room it measures: startup, metrics-, gate-, train-, publish-. */
  name: string;
  sizes: (number | string)[];
  run(size: number | string): Promise<BenchCase>;
}

/** The JSON line printed per case. */
export interface BenchLine {
  bench: string;
  size: number | string;
  ours_s: number;
  peer: string | null;
  peer_s: number | null;
  ratio: number | null;
  peak_rss_mb: number;
  [extra: string]: unknown;
}

/** Best (minimum) wall time of `repeat` runs of fn, in seconds. */
export async function bestOf(
  repeat: number,
  fn: () => Promise<unknown> | unknown,
): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best;
}
