import { describe, expect, it } from 'vitest';
import { mapLimit } from '../src/concurrency.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('mapLimit', () => {
  it.each([1, 3, 10])('keeps input order and never exceeds %i in flight', async (limit) => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([5, 4, 3, 2, 1, 0], limit, async (x) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      for (let i = 0; i < x; i++) await tick();
      inFlight--;
      return x * 10;
    });
    expect(out).toEqual([50, 40, 30, 20, 10, 0]);
    expect(peak).toBe(Math.min(limit, 6));
  });

  it('fails on the first error and starts nothing after it', async () => {
    const started: number[] = [];
    await expect(
      mapLimit([0, 1, 2, 3, 4, 5], 2, async (x) => {
        started.push(x);
        await tick();
        if (x === 1) throw new Error('boom');
        return x;
      }),
    ).rejects.toThrow('boom');
    await new Promise((r) => setTimeout(r, 20));
    expect(Math.max(...started)).toBeLessThanOrEqual(2);
  });

  it('runs with a limit below one as if it were one', async () => {
    expect(await mapLimit([1, 2], 0, async (x) => x)).toEqual([1, 2]);
  });
});
