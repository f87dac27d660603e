/**
 * One writer per version: the claim names the attempt that writes the version and is renewed
 * (compare-and-swap on its ETag) while that attempt uploads. Another attempt of the same run
 * takes a claim over only once its owner is gone; an owner whose renewal fails stops writing.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { claimKey } from './keys.js';
import {
  PreconditionFailed,
  type ClaimOwner,
  type ClaimRecord,
  type ObjectStore,
} from './types.js';

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** Owners in this process that are still publishing, by nonce. */
const active = new Set<string>();

/**
 * This process's identity for one publication, alive (for ownerAlive) from now until released:
 * a claim written with it is never mistaken for an abandoned one while it is being set up.
 */
export function newOwner(runAttempt: number): ClaimOwner {
  const owner = {
    runAttempt,
    nonce: randomBytes(8).toString('hex'),
    pid: process.pid,
    host: hostname(),
  };
  active.add(owner.nonce);
  return owner;
}

export function releaseOwner(owner: ClaimOwner): void {
  active.delete(owner.nonce);
}

/**
 * Whether the attempt named by a claim may still be writing. Pure: the caller says whether an
 * owner on this host is alive. Gone: a claim from before owners were recorded, an owner that
 * died on this host, or a lease not renewed for leaseMs (another host, or a process id reused
 * by something else).
 */
export function ownerGone(
  claim: ClaimRecord,
  now: number,
  leaseMs: number,
  here: string,
  alive: (owner: ClaimOwner) => boolean,
): boolean {
  if (!claim.owner) return true;
  const renewed = Date.parse(claim.heartbeatAt ?? claim.claimedAt);
  if (!Number.isFinite(renewed) || now - renewed > leaseMs) return true;
  return claim.owner.host === here && !alive(claim.owner);
}

/** Alive on this host: another live process, or this one while it still holds that lease (not after a cancelled publish). */
export function ownerAlive(owner: ClaimOwner): boolean {
  if (owner.pid === process.pid) return active.has(owner.nonce);
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** A claim this process owns: renewed in the background, checked before every write. */
export class Lease {
  private timer: NodeJS.Timeout | undefined;
  private lost: string | null = null;
  private renewedAt: number;
  private renewing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ObjectStore,
    readonly model: string,
    readonly version: number,
    private record: ClaimRecord,
    private etag: string,
    private readonly leaseMs: number,
    private readonly now: () => Date,
  ) {
    this.renewedAt = Date.now();
    this.timer = setInterval(() => void this.renew().catch(() => undefined), leaseMs / 4);
    this.timer.unref();
  }

  /** The claim's fence token: the version's files are written only under keys carrying it. */
  get fence(): number {
    return this.record.fence ?? 1;
  }

  /** Throws once the claim was taken over or could not be renewed within the lease. */
  check(): void {
    if (!this.lost && Date.now() - this.renewedAt > this.leaseMs) {
      this.lost = `the claim on version ${this.version} was not renewed for ${this.leaseMs} ms`;
    }
    if (this.lost) throw new Error(`${this.lost}: this attempt stops writing into it`);
  }

  /** Rewrites the claim with a new heartbeat, If-Match on the last one (a fence before the manifest). */
  renew(): Promise<void> {
    const next = this.renewing.then(async () => {
      if (this.lost) return;
      const record = { ...this.record, heartbeatAt: this.now().toISOString() };
      try {
        const put = await this.store.put(claimKey(this.model, this.version), json(record), {
          ifMatch: this.etag,
        });
        this.record = record;
        this.etag = put.etag;
        this.renewedAt = Date.now();
      } catch (e) {
        if (e instanceof PreconditionFailed) {
          this.lost = `another attempt took over the claim on version ${this.version}`;
        }
        throw e;
      }
    });
    this.renewing = next.catch(() => undefined);
    return next;
  }

  stop(): void {
    if (this.record.owner) releaseOwner(this.record.owner);
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
