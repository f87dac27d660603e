import { describe, expect, it } from 'vitest';
import { newOwner, ownerAlive, ownerGone, releaseOwner } from '../../src/registry/lease.js';
import type { ClaimRecord } from '../../src/registry/types.js';

const now = Date.parse('2026-11-23T10:00:00.000Z');
const claim = (over: Partial<ClaimRecord>): ClaimRecord => ({
  model: 'm',
  version: 3,
  runKey: 'acme/churn#1',
  claimedAt: '2026-11-23T09:59:50.000Z',
  owner: { runAttempt: 1, nonce: 'n', pid: 123, host: 'runner-a' },
  heartbeatAt: '2026-11-23T09:59:55.000Z',
  ...over,
});
const alive = () => true;
const dead = () => false;

describe('ownerGone', () => {
  it.each([
    ['a live owner on this host with a fresh lease', claim({}), 'runner-a', alive, false],
    ['a dead owner on this host', claim({}), 'runner-a', dead, true],
    ['an owner on another host with a fresh lease', claim({}), 'runner-b', dead, false],
    [
      'an owner on another host whose lease ran out',
      claim({ heartbeatAt: '2026-11-23T09:58:00.000Z' }),
      'runner-b',
      alive,
      true,
    ],
    [
      'a live pid whose lease ran out (a reused process id)',
      claim({ heartbeatAt: '2026-11-23T09:58:00.000Z' }),
      'runner-a',
      alive,
      true,
    ],
    [
      'a claim from before owners were recorded',
      claim({ owner: undefined }),
      'runner-a',
      alive,
      true,
    ],
    ['a claim without a readable time', claim({ heartbeatAt: 'soon' }), 'runner-a', alive, true],
  ] as const)('%s: %s', (_what, c, here, isAlive, gone) => {
    expect(ownerGone(c, now, 60_000, here, isAlive)).toBe(gone);
  });
});

describe('ownerAlive in this process', () => {
  it('holds while the publication runs, and not after it is released', () => {
    const owner = newOwner(2);
    expect(ownerAlive(owner)).toBe(true);
    releaseOwner(owner);
    expect(ownerAlive(owner)).toBe(false);
  });
  it('asks the system about other processes', () => {
    expect(ownerAlive({ runAttempt: 1, nonce: 'x', pid: 2 ** 22 + 12345, host: 'h' })).toBe(false);
  });
});
