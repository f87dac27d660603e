/** Small seeded generator (mulberry32): the same sample file for the same seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SampleMetrics {
  timestamps: number[];
  values: number[];
}

/**
 * Nine days of a healthy model's per-prediction confidence (mean ≈ 0.9), one sample every
 * `everyMinutes`, ending at `endMs`: enough for the starter's 1-day and 7-day windows.
 */
export function sampleMetrics(endMs: number, everyMinutes = 10, seed = 1): SampleMetrics {
  const next = rng(seed);
  const step = everyMinutes * 60_000;
  const end = Math.floor(endMs / step) * step;
  const n = Math.floor((9 * 86_400_000) / step);
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = n - 1; i >= 0; i--) {
    // A confident model: mostly 0.85–0.99, now and then an unsure prediction.
    const v = next() < 0.08 ? 0.4 + 0.4 * next() : 0.85 + 0.14 * next();
    timestamps.push(end - i * step);
    values.push(Math.round(v * 1e4) / 1e4);
  }
  return { timestamps, values };
}

/** timestamp,confidence CSV, as the file and s3 sources read it. */
export function sampleMetricsCsv(m: SampleMetrics): string {
  const lines = ['timestamp,confidence'];
  for (let i = 0; i < m.timestamps.length; i++) {
    lines.push(
      `${new Date(m.timestamps[i] as number).toISOString().replace('.000Z', 'Z')},${m.values[i]}`,
    );
  }
  return lines.join('\n') + '\n';
}
