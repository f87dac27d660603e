import { describe, expect, it } from 'vitest';
import { formatBytes, Progress, ScanTally } from '../../../src/metrics/parquet/tally.js';

describe('progress of long reads', () => {
  it('logs objects, rows and bytes at most once per interval', () => {
    const lines: string[] = [];
    let now = 0;
    const tally = new ScanTally();
    tally.objectsListed = 90;
    tally.objectsPruned = 82;
    let bytes = 0;
    const p = new Progress(
      { info: (m) => void lines.push(m) },
      tally,
      () => bytes,
      5000,
      () => now,
    );
    for (let i = 1; i <= 100; i++) {
      now = i * 500; // a tick every half second for 50 s
      tally.rows += 1_000_000;
      bytes += 3 * 1024 * 1024;
      if (i % 12 === 0) tally.objectsOpened++;
      p.tick();
    }
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('metrics: read 0 of 8 object(s), 10,000,000 row(s), 30 MiB so far');
    expect(lines[9]).toBe('metrics: read 8 of 8 object(s), 100,000,000 row(s), 300 MiB so far');
  });

  it.each([
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [10 * 1024 * 1024, '10 MiB'],
    [3.25 * 1024 ** 3, '3.3 GiB'],
  ])('formatBytes(%d) = %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });
});
