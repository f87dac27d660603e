/**
 * The model registry on top of an ObjectStore. Publishing order makes every crash harmless:
 * claim (If-None-Match) → run index → files → manifest (If-None-Match; the version exists from
 * here) → Triton folder → alias (If-Match compare-and-swap) → Triton policy → history
 * (If-None-Match, append-only).
 */
import { lstat, mkdtemp, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { StageContext } from '../context.js';
import { UserError } from '../errors.js';
import type { ChampionInfo, HistoryEntry, PublishInput, Registry } from './index.js';
import {
  aliasKey,
  checkRelativeName,
  claimKey,
  extraFilePath,
  filesPrefix,
  historyKey,
  historyPrefix,
  manifestKey,
  modelFilePath,
  nextVersion,
  parseHistoryKey,
  runKeyIndexKey,
  scanVersions,
  versionPrefix,
  versionsPrefix,
} from './keys.js';
import { Lease, newOwner, ownerAlive, ownerGone, releaseOwner } from './lease.js';
import { rollbackTarget, shouldMoveOnResume } from './promotion.js';
import { minimalConfig, setVersionPolicy, specificVersions } from './triton.js';
import {
  PreconditionFailed,
  type AliasRecord,
  type ClaimOwner,
  type ClaimRecord,
  type Manifest,
  type ManifestFile,
  type ObjectStore,
  type Publication,
  type ValidatedAgainst,
} from './types.js';
import { mapLimit } from '../concurrency.js';
import { listFiles } from './walk.js';
import { readGateState, updateGateState } from './gate-state.js';
import type { NoDataState } from '../gate/no-data.js';
import { redactValue } from '../text/redact.js';

/** Steps reported to `onStep`, in publishing order (tests kill a publisher at each one). */
export type PublishStep = 'claim' | `file:${number}` | 'manifest' | 'triton' | 'alias' | 'history';

export interface TritonTarget {
  store: ObjectStore;
  /** Folder name of the model inside the Triton repository. */
  modelName: string;
}

export interface RegistryOptions {
  /** Alias moved by publish() when input.moveAlias is set. */
  alias: string;
  triton?: TritonTarget;
  /** Files transferred in parallel (each S3 file is itself a multipart upload). */
  fileConcurrency?: number;
  /** Called after each durable publishing step. */
  onStep?: (step: PublishStep) => void;
  /** A claim not renewed for this long is abandoned by its writer (default 60 s). */
  leaseMs?: number;
  /** How long an attempt waits for another live attempt of its run to finish the version (default 15 min). */
  waitForOtherAttemptMs?: number;
}

export interface VerifyReport {
  version: number;
  ok: boolean;
  files: number;
  bytes: number;
  problems: string[];
}

export interface OrphanClaim {
  version: number;
  runKey: string | null;
  claimedAt: string | null;
  /** Objects under the version's folder (claim and partial files). */
  keys: string[];
}

const MAX_CAS_ATTEMPTS = 50;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const jitter = (attempt: number): number => Math.random() * Math.min(500, 10 * 2 ** attempt);
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

export class StoreRegistry implements Registry {
  readonly uri: string;

  constructor(
    readonly store: ObjectStore,
    readonly model: string,
    private readonly ctx: StageContext,
    private readonly options: RegistryOptions,
  ) {
    this.uri = store.uri(`${model}/`);
  }

  /** Marks a durable step; a cancelled workflow stops here, between steps (each is crash-safe). */
  private step(name: PublishStep): void {
    this.options.onStep?.(name);
    this.ctx.signal.throwIfAborted();
  }

  private async readJson<T>(key: string): Promise<{ value: T; etag: string } | null> {
    const got = await this.store.get(key);
    if (!got) return null;
    try {
      return { value: JSON.parse(got.body.toString('utf8')) as T, etag: got.etag };
    } catch {
      throw new Error(`registry object ${this.store.uri(key)} is not valid JSON`);
    }
  }

  private async manifest(version: number): Promise<Manifest | null> {
    return (await this.readJson<Manifest>(manifestKey(this.model, version)))?.value ?? null;
  }

  async champion(alias: string): Promise<ChampionInfo | null> {
    const rec = await this.readJson<AliasRecord>(aliasKey(this.model, alias));
    if (!rec) return null;
    const version = rec.value.version;
    const manifest = await this.manifest(version);
    if (!manifest) {
      throw new Error(
        `alias ${alias} points at version ${version}, which has no manifest (${this.store.uri(manifestKey(this.model, version))})`,
      );
    }
    return {
      version,
      manifest,
      metrics: manifest.metrics ?? {},
      createdAt: manifest.createdAt,
      aliasEtag: rec.etag,
    };
  }

  async download(version: number, dir: string): Promise<void> {
    const manifest = await this.requireManifest(version);
    await this.fetchFiles(
      manifest,
      manifest.files.filter((f) => f.path.startsWith('model/')),
      (f) => join(dir, f.path.slice('model/'.length)),
    );
  }

  private async requireManifest(version: number): Promise<Manifest> {
    const manifest = await this.manifest(version);
    if (!manifest) {
      throw new UserError(
        `version ${version} of model ${this.model} does not exist in ${this.uri} (no manifest); see history for published versions`,
      );
    }
    return manifest;
  }

  /**
   * Downloads files and checks each one's size and SHA-256 against the manifest; a download
   * that does not match is tried again (a body damaged on the way) before it counts.
   */
  private async fetchFiles(
    manifest: Manifest,
    files: ManifestFile[],
    dest: (f: ManifestFile) => string,
  ): Promise<void> {
    await mapLimit(files, this.options.fileConcurrency ?? 4, async (f) => {
      const key = filesPrefix(this.model, manifest.version) + f.path;
      let got = await this.store.getToFile(key, dest(f));
      for (let i = 0; i < 2 && (got.size !== f.size || got.sha256 !== f.sha256); i++) {
        got = await this.store.getToFile(key, dest(f));
      }
      if (got.size !== f.size || got.sha256 !== f.sha256) {
        throw new Error(
          `checksum mismatch for ${this.store.uri(key)}: manifest says ${f.size} bytes sha256 ${f.sha256}, downloaded ${got.size} bytes sha256 ${got.sha256}`,
        );
      }
    });
  }

  // ---------------------------------------------------------------- publish

  async publish(input: PublishInput): Promise<Publication> {
    // The manifest and history are published: lineage carries outside text (trigger reason).
    input = { ...input, lineage: redactValue(input.lineage) };
    const sources = await this.sources(input);
    const claimed = await this.claim(input.runKey);
    this.step('claim');
    let manifest = claimed.manifest;
    let own = claimed.lease !== null;
    if (manifest) {
      this.ctx.logger.info(
        `version ${claimed.version} was already published by ${claimed.resumed ? 'an earlier attempt of this run' : 'another attempt'}; completing it`,
      );
    } else {
      const lease = claimed.lease as Lease;
      try {
        manifest = await this.upload(claimed.version, input, sources, lease);
      } catch (e) {
        if (!(e instanceof CompletedByOther)) throw e;
        manifest = await this.adoptVerified(claimed.version, input.runKey, e);
        own = false;
      } finally {
        lease.stop();
      }
    }
    return this.complete(manifest, {
      runKey: input.runKey,
      lineage: input.lineage,
      // Files are copied to Triton from this run's folder only if they are this run's files.
      sources: own ? sources : [],
      resumed: claimed.resumed,
      legacyMove: input.moveAlias,
    });
  }

  async resumePublished(runKey: string): Promise<Publication | null> {
    const own = await this.findOwn(runKey);
    if (!own) return null;
    const manifest = await this.manifest(own.version);
    if (!manifest) return null;
    this.ctx.logger.info(
      `this run already published version ${own.version}: completing what is missing instead of training again`,
    );
    return this.complete(manifest, {
      runKey,
      lineage: manifest.lineage,
      sources: [],
      resumed: true,
      legacyMove: true,
    });
  }

  /**
   * Everything after the manifest, each step idempotent so any attempt may (re)do it: Triton
   * folder, alias (compare-and-swap from the version the challenger was validated against),
   * Triton policy, history (one entry per run, action and version).
   */
  private async complete(
    manifest: Manifest,
    opts: {
      runKey: string;
      lineage: Record<string, unknown>;
      sources: { path: string; local: string }[];
      resumed: boolean;
      /** For manifests without a recorded promotion intent. */
      legacyMove: boolean;
    },
  ): Promise<Publication> {
    const version = manifest.version;
    if (this.options.triton) {
      await this.copyToTriton(manifest, opts.sources);
      this.step('triton');
    }
    const intent = manifest.promotion ?? {
      alias: opts.legacyMove ? this.options.alias : null,
    };
    const alias = intent.alias;
    let previousVersion: number | null = null;
    let aliasMoved = false;
    let superseded: Publication['superseded'];
    if (alias) {
      const moved = intent.validatedAgainst
        ? await this.promote(alias, version, intent.validatedAgainst)
        : await this.moveAlias(alias, version, (cur) =>
            opts.resumed ? shouldMoveOnResume(cur?.version ?? null, version) : true,
          );
      previousVersion = moved.previous;
      aliasMoved = moved.moved || moved.already;
      if (moved.moved) this.step('alias');
      if (!aliasMoved && intent.validatedAgainst) {
        superseded = {
          serving: moved.previous,
          validatedAgainst: intent.validatedAgainst.version,
        };
        this.ctx.logger.warning(
          `alias ${alias} now serves ${moved.previous === null ? 'no version' : `version ${moved.previous}`}, not version ${intent.validatedAgainst.version ?? '(none)'} this challenger was validated against: version ${version} is published but not promoted (it was never compared with what serves now)`,
        );
      }
      if (this.options.triton) await this.syncTriton(alias);
    }
    if (!(await this.hasHistory(version, ['publish', 'promote']))) {
      await this.appendHistory({
        action: alias && aliasMoved ? 'promote' : 'publish',
        version,
        previousVersion,
        alias,
        run: opts.runKey,
        runKey: opts.runKey,
        lineage: opts.lineage,
      });
      this.step('history');
    }
    return {
      version,
      uri: this.store.uri(`${filesPrefix(this.model, version)}model/`),
      manifestUri: this.store.uri(manifestKey(this.model, version)),
      alias,
      aliasMoved,
      previousVersion,
      resumed: opts.resumed,
      ...(superseded ? { superseded } : {}),
    };
  }

  /** Local files of the version: the model folder's files, then the extra files. */
  private async sources(input: PublishInput): Promise<{ path: string; local: string }[]> {
    let listing;
    try {
      listing = await listFiles(input.modelDir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new UserError(
          `the model folder ${input.modelDir} does not exist: the notebook must write its model files under output_dir/model/`,
        );
      }
      throw e;
    }
    if (listing.files.length === 0) {
      throw new UserError(
        `the model folder ${input.modelDir} has no files: the notebook must write its model files under output_dir/model/`,
      );
    }
    if (listing.hidden.length > 0) {
      this.ctx.logger.warning(`not publishing hidden files: ${listing.hidden.join(', ')}`);
    }
    const out = listing.files.map((rel) => ({
      path: modelFilePath(rel),
      local: join(input.modelDir, rel),
    }));
    for (const extra of input.extraFiles) {
      const name = checkRelativeName(extra.name, 'extra file name');
      if (out.some((o) => o.path === extraFilePath(name))) {
        throw new Error(`two extra files are both named "${name}"`);
      }
      if ((await lstat(extra.path).catch(() => null))?.isSymbolicLink()) {
        throw new UserError(
          `${extra.path} is a symlink; only regular files are published (write ${name.replace(/^_run\//, '')} itself, not a link)`,
        );
      }
      out.push({ path: extraFilePath(name), local: extra.path });
    }
    return out;
  }

  /** This run's version: through the run index, else among unfinished claims (crash before the index). */
  private async findOwn(
    runKey: string,
    stale?: { etag?: string },
  ): Promise<{ version: number; claim: { value: ClaimRecord; etag: string } } | null> {
    const indexed = await this.readJson<{ version: number }>(runKeyIndexKey(this.model, runKey));
    if (indexed) {
      const claim = await this.readJson<ClaimRecord>(claimKey(this.model, indexed.value.version));
      if (claim?.value.runKey === runKey) return { version: indexed.value.version, claim };
      // An index whose claim is gone (an interrupted cleanup) is stale: replaced, by its ETag.
      if (stale) stale.etag = indexed.etag;
    }
    const scan = scanVersions(
      this.model,
      (await this.store.list(versionsPrefix(this.model))).map((o) => o.key),
    );
    for (const n of scan.claimed.filter((v) => !scan.complete.includes(v))) {
      const claim = await this.readJson<ClaimRecord>(claimKey(this.model, n));
      if (claim?.value.runKey === runKey) return { version: n, claim };
    }
    return null;
  }

  /**
   * The version this attempt writes, or the one it completes. A run's own version that is
   * published is completed (resumed); one another live attempt is writing is waited for and
   * never written into; one whose writer is gone is taken over by compare-and-swap on the claim.
   */
  private async claim(runKey: string): Promise<{
    version: number;
    resumed: boolean;
    manifest: Manifest | null;
    lease: Lease | null;
  }> {
    const owner = newOwner(this.ctx.run.runAttempt);
    try {
      const claimed = await this.claimAs(runKey, owner);
      if (!claimed.lease) releaseOwner(owner);
      return claimed;
    } catch (e) {
      releaseOwner(owner);
      throw e;
    }
  }

  private async claimAs(
    runKey: string,
    owner: ClaimOwner,
  ): Promise<{
    version: number;
    resumed: boolean;
    manifest: Manifest | null;
    lease: Lease | null;
  }> {
    const leaseMs = this.options.leaseMs ?? 60_000;
    const waitMs = this.options.waitForOtherAttemptMs ?? 15 * 60_000;
    const started = Date.now();
    let announced = false;
    for (let round = 0; ; round++) {
      const stale: { etag?: string } = {};
      const own = await this.findOwn(runKey, stale);
      if (own) {
        const manifest = await this.manifest(own.version);
        if (manifest) return { version: own.version, resumed: true, manifest, lease: null };
        const claim = own.claim.value;
        if (ownerGone(claim, this.ctx.now().getTime(), leaseMs, hostname(), ownerAlive)) {
          const record: ClaimRecord = {
            ...claim,
            owner,
            heartbeatAt: this.ctx.now().toISOString(),
          };
          try {
            const put = await this.store.put(claimKey(this.model, own.version), json(record), {
              ifMatch: own.claim.etag,
            });
            this.ctx.logger.info(
              `resuming version ${own.version}: the attempt that claimed it is gone`,
            );
            return {
              version: own.version,
              resumed: true,
              manifest: null,
              lease: this.lease(own.version, record, put.etag),
            };
          } catch (e) {
            if (!(e instanceof PreconditionFailed)) throw e;
            continue; // another attempt took it over first: look again
          }
        }
        if (Date.now() - started > waitMs) {
          throw new Error(
            `version ${own.version} is being written by another attempt of this run (attempt ${claim.owner?.runAttempt ?? '?'}, pid ${claim.owner?.pid ?? '?'} on ${claim.owner?.host ?? '?'}); this attempt leaves it alone after waiting ${Math.round(waitMs / 1000)} s`,
          );
        }
        if (!announced) {
          this.ctx.logger.info(
            `version ${own.version} is being written by another attempt of this run (attempt ${claim.owner?.runAttempt ?? '?'}); waiting for it to finish`,
          );
          announced = true;
        }
        await sleep(Math.min(1000, 50 * 2 ** Math.min(round, 5)) * (0.5 + Math.random()));
        continue;
      }
      const fresh = await this.claimNew(runKey, owner, stale.etag);
      if (fresh) return { ...fresh, resumed: false, manifest: null };
      // Another attempt of this run indexed its claim first: ours was given back; wait for theirs.
    }
  }

  /** Claims the next free number; null when another attempt of the same run indexed first. */
  private async claimNew(
    runKey: string,
    owner: ClaimOwner,
    staleIndexEtag: string | undefined,
  ): Promise<{ version: number; lease: Lease } | null> {
    const indexKey = runKeyIndexKey(this.model, runKey);
    const scan = scanVersions(
      this.model,
      (await this.store.list(versionsPrefix(this.model))).map((o) => o.key),
    );
    let n = nextVersion(scan);
    let record: ClaimRecord;
    let etag: string;
    for (let attempt = 0; ; attempt++) {
      const at = this.ctx.now().toISOString();
      record = { model: this.model, version: n, runKey, claimedAt: at, owner, heartbeatAt: at };
      try {
        etag = (await this.store.put(claimKey(this.model, n), json(record), { ifNoneMatch: '*' }))
          .etag;
        break;
      } catch (e) {
        if (!(e instanceof PreconditionFailed) || attempt >= 1000) throw e;
        n++; // a concurrent publisher took n
      }
    }
    if (!(await this.writeIndex(indexKey, n, staleIndexEtag))) {
      await this.store.delete(claimKey(this.model, n));
      return null;
    }
    return { version: n, lease: this.lease(n, record, etag) };
  }

  private lease(version: number, record: ClaimRecord, etag: string): Lease {
    return new Lease(
      this.store,
      this.model,
      version,
      record,
      etag,
      this.options.leaseMs ?? 60_000,
      this.ctx.now,
    );
  }

  private async writeIndex(key: string, version: number, staleEtag?: string): Promise<boolean> {
    try {
      await this.store.put(
        key,
        json({ version }),
        staleEtag ? { ifMatch: staleEtag } : { ifNoneMatch: '*' },
      );
      return true;
    } catch (e) {
      if (e instanceof PreconditionFailed) return false;
      throw e;
    }
  }

  private async upload(
    version: number,
    input: PublishInput,
    sources: { path: string; local: string }[],
    lease: Lease,
  ): Promise<Manifest> {
    const prefix = filesPrefix(this.model, version);
    let done = 0;
    const files = await mapLimit(sources, this.options.fileConcurrency ?? 2, async (src) => {
      const key = prefix + src.path;
      lease.check();
      const put = await this.store.putFile(key, src.local);
      await this.verifyStored(key, put.size, put.sha256);
      this.step(`file:${done++}`);
      return { path: src.path, size: put.size, sha256: put.sha256 };
    });
    const manifest: Manifest = {
      schema: 1,
      model: this.model,
      version,
      createdAt: this.ctx.now().toISOString(),
      files,
      lineage: input.lineage,
      metrics: input.metrics,
      runKey: input.runKey,
      promotion: {
        alias: input.moveAlias ? this.options.alias : null,
        ...(input.validatedAgainst ? { validatedAgainst: input.validatedAgainst } : {}),
      },
    };
    // The fence: still the owner right before the version becomes visible.
    await lease.renew();
    lease.check();
    try {
      await this.store.put(manifestKey(this.model, version), json(manifest), {
        ifNoneMatch: '*',
        contentType: 'application/json',
      });
    } catch (e) {
      if (!(e instanceof PreconditionFailed)) throw e;
      throw new CompletedByOther(version);
    }
    this.step('manifest');
    return manifest;
  }

  /**
   * Another attempt wrote the manifest while this one believed it held the claim (its lease
   * renewal was lost on the way, say). That version is taken only when it is this run's and
   * every file in the store matches the manifest's digests; otherwise this attempt fails.
   */
  private async adoptVerified(
    version: number,
    runKey: string,
    cause: CompletedByOther,
  ): Promise<Manifest> {
    const theirs = await this.manifest(version);
    if (!theirs || theirs.runKey !== runKey || !(await this.verify(version)).ok) throw cause;
    this.ctx.logger.warning(
      `version ${version} was completed by another attempt of this run while this one held its claim; its files match its manifest, so this attempt completes that version instead of its own`,
    );
    return theirs;
  }

  /** Checks what the store holds against what was streamed up: size and SHA-256 where the store reports one. */
  private async verifyStored(key: string, size: number, sha256: string): Promise<void> {
    const head = await this.store.head(key);
    if (!head) throw new Error(`uploaded ${this.store.uri(key)} but the store does not have it`);
    if (head.size !== size || (head.sha256 !== undefined && head.sha256 !== sha256)) {
      throw new Error(
        `upload of ${this.store.uri(key)} did not verify: sent ${size} bytes sha256 ${sha256}, store has ${head.size} bytes${head.sha256 ? ` sha256 ${head.sha256}` : ''}`,
      );
    }
  }

  // ---------------------------------------------------------------- alias and history

  /**
   * Conditional promotion: moves the alias only while it still serves what the challenger was
   * validated against (its ETag as read then, or no alias on a cold start). `previous` is what
   * it serves when it is not moved.
   */
  private async promote(
    alias: string,
    version: number,
    from: ValidatedAgainst,
  ): Promise<{ moved: boolean; already: boolean; previous: number | null }> {
    const key = aliasKey(this.model, alias);
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const cur = await this.readJson<AliasRecord>(key);
      if (cur?.value.version === version) {
        return { moved: false, already: true, previous: cur.value.previousVersion };
      }
      const unchanged =
        from.version === null
          ? cur === null
          : cur !== null &&
            cur.value.version === from.version &&
            (from.etag === null || cur.etag === from.etag);
      if (!unchanged) return { moved: false, already: false, previous: cur?.value.version ?? null };
      const record: AliasRecord = {
        model: this.model,
        alias,
        version,
        manifest: this.store.uri(manifestKey(this.model, version)),
        updatedAt: this.ctx.now().toISOString(),
        previousVersion: cur?.value.version ?? null,
        runId: this.ctx.run.runId,
      };
      try {
        await this.store.put(key, json(record), cur ? { ifMatch: cur.etag } : { ifNoneMatch: '*' });
        return { moved: true, already: false, previous: record.previousVersion };
      } catch (e) {
        if (!(e instanceof PreconditionFailed)) throw e;
        // Moved under us: re-read; it is either this version (another attempt) or superseded.
      }
    }
    throw new Error(
      `could not move alias ${alias} after ${MAX_CAS_ATTEMPTS} attempts (heavy contention)`,
    );
  }

  /** Compare-and-swap on the alias record; `want` may decline the move after seeing the current one. */
  private async moveAlias(
    alias: string,
    version: number,
    want: (current: AliasRecord | null) => boolean,
  ): Promise<{ moved: boolean; already: boolean; previous: number | null }> {
    const key = aliasKey(this.model, alias);
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const cur = await this.readJson<AliasRecord>(key);
      const previous = cur?.value.version ?? null;
      // Already there (a resumed run moved it before crashing): report what it replaced then.
      if (previous === version) {
        return { moved: false, already: true, previous: cur?.value.previousVersion ?? null };
      }
      if (!want(cur?.value ?? null)) return { moved: false, already: false, previous };
      const record: AliasRecord = {
        model: this.model,
        alias,
        version,
        manifest: this.store.uri(manifestKey(this.model, version)),
        updatedAt: this.ctx.now().toISOString(),
        previousVersion: previous,
        runId: this.ctx.run.runId,
      };
      try {
        await this.store.put(key, json(record), cur ? { ifMatch: cur.etag } : { ifNoneMatch: '*' });
        return { moved: true, already: false, previous };
      } catch (e) {
        if (!(e instanceof PreconditionFailed)) throw e;
        await sleep(jitter(attempt)); // another publisher moved it: re-read and retry
      }
    }
    throw new Error(
      `could not move alias ${alias} after ${MAX_CAS_ATTEMPTS} attempts (heavy contention)`,
    );
  }

  /**
   * Writes one history entry at its (run, action, version) key with If-None-Match: a retried
   * or resumed write of the same entry finds it there and adds nothing.
   */
  private async appendHistory(e: {
    action: HistoryEntry['action'];
    version: number;
    previousVersion: number | null;
    alias: string | null;
    /** Who acted: the publishing run's key, or the rollback's run id. */
    run: string;
    runKey?: string;
    lineage?: Record<string, unknown>;
    reason?: string;
  }): Promise<void> {
    const at = this.ctx.now();
    const trigger = e.lineage?.trigger as
      { kind?: string; dedupeKey?: string } | string | undefined;
    const entry: HistoryEntry = {
      at: at.toISOString(),
      action: e.action,
      version: e.version,
      previousVersion: e.previousVersion,
      alias: e.alias,
      runId: this.ctx.run.runId,
      ...(e.runKey ? { runKey: e.runKey } : {}),
      ...(typeof trigger === 'string'
        ? { trigger }
        : trigger?.kind
          ? { trigger: trigger.kind }
          : {}),
      ...(typeof trigger === 'object' && trigger.dedupeKey ? { dedupeKey: trigger.dedupeKey } : {}),
      ...(e.reason ? { reason: e.reason } : {}),
    };
    try {
      await this.store.put(historyKey(this.model, e.version, e.action, e.run), json(entry), {
        ifNoneMatch: '*',
      });
    } catch (err) {
      if (!(err instanceof PreconditionFailed)) throw err;
      this.ctx.logger.info(`history already records ${e.action} of version ${e.version}`);
    }
  }

  private async hasHistory(version: number, actions: string[]): Promise<boolean> {
    const keys = await this.store.list(historyPrefix(this.model));
    return keys.some((o) => {
      const p = parseHistoryKey(o.key);
      return p !== null && p.version === version && actions.includes(p.action);
    });
  }

  /** Every entry, oldest first (by time; keys name the entry, not its order). */
  async history(): Promise<HistoryEntry[]> {
    const keys = (await this.store.list(historyPrefix(this.model)))
      .map((o) => o.key)
      .filter((k) => parseHistoryKey(k) !== null);
    const entries = await mapLimit(keys, 8, async (k) => {
      const value = (await this.readJson<HistoryEntry>(k))?.value;
      return value ? { value, k } : undefined;
    });
    return entries
      .filter((e): e is { value: HistoryEntry; k: string } => e !== undefined)
      .sort((a, b) => a.value.at.localeCompare(b.value.at) || a.k.localeCompare(b.k))
      .map((e) => e.value);
  }

  /** The gate's streak of runs without usable data (gate-state.ts). */
  gateNoData(): Promise<NoDataState> {
    return readGateState(this.store, this.model);
  }

  /** Read-modify-write of that streak with a conditional put, retried on a concurrent write. */
  updateGateNoData<T extends { state: NoDataState; changed: boolean }>(
    step: (prev: NoDataState) => T,
  ): Promise<T> {
    return updateGateState(this.store, this.model, step, () => this.ctx.now());
  }

  async rollback(
    to: number | undefined,
    meta: { runId: string; reason?: string },
  ): Promise<Publication> {
    const alias = this.options.alias;
    const cur = await this.readJson<AliasRecord>(aliasKey(this.model, alias));
    if (!cur) {
      throw new UserError(
        `alias ${alias} of model ${this.model} does not exist in ${this.uri}: nothing to roll back`,
      );
    }
    const current = cur.value.version;
    let target = to;
    if (target === undefined) {
      const events = await this.history();
      target =
        rollbackTarget(events, alias, current, cur.value.previousVersion) ??
        (() => {
          throw new UserError(
            `alias ${alias} has no previous version to roll back to; name one with rollback-to`,
          );
        })();
    }
    const manifest = await this.requireManifest(target);
    await this.checkFilesPresent(manifest);
    const moved = await this.moveAlias(alias, target, () => true);
    if (this.options.triton) await this.syncTriton(alias);
    if (moved.moved) {
      await this.appendHistory({
        action: 'rollback',
        version: target,
        previousVersion: moved.previous,
        alias,
        run: `${this.ctx.run.repository ?? 'local'}#${meta.runId}`,
        reason: meta.reason,
      });
    } else {
      this.ctx.logger.info(`alias ${alias} already serves version ${target}`);
    }
    return {
      version: target,
      uri: this.store.uri(`${filesPrefix(this.model, target)}model/`),
      manifestUri: this.store.uri(manifestKey(this.model, target)),
      alias,
      aliasMoved: moved.moved,
      previousVersion: moved.previous,
      resumed: false,
    };
  }

  /** A rollback target must still be complete: every manifest file present with its size. */
  private async checkFilesPresent(manifest: Manifest): Promise<void> {
    await mapLimit(manifest.files, 8, async (f) => {
      const key = filesPrefix(this.model, manifest.version) + f.path;
      const head = await this.store.head(key);
      if (!head || head.size !== f.size) {
        throw new Error(
          `version ${manifest.version} is incomplete: ${this.store.uri(key)} is ${head ? `${head.size} bytes, manifest says ${f.size}` : 'missing'}`,
        );
      }
    });
  }

  // ---------------------------------------------------------------- Triton

  /**
   * Copies the version's model files into `<repo>/<model>/<n>/`. Files already there with the
   * manifest's digest stay; the rest come from this run's folder when it wrote the version, else
   * from the registry (a resumed or concurrent attempt), and must hash to the manifest's digest.
   */
  private async copyToTriton(
    manifest: Manifest,
    sources: { path: string; local: string }[],
  ): Promise<void> {
    const t = this.options.triton as TritonTarget;
    const local = new Map(sources.map((s) => [s.path, s.local]));
    const modelFiles = manifest.files.filter((f) => f.path.startsWith('model/'));
    await mapLimit(modelFiles, this.options.fileConcurrency ?? 2, async (f, i) => {
      const key = `${t.modelName}/${manifest.version}/${f.path.slice('model/'.length)}`;
      const there = await t.store.head(key);
      if (there && there.size === f.size && (there.sha256 ?? f.sha256) === f.sha256) return;
      let src = local.get(f.path);
      let scratch: string | undefined;
      if (!src) {
        scratch = await mkdtemp(join(this.ctx.workDir, 'triton-'));
        src = join(scratch, String(i));
        await this.fetchFiles(manifest, [f], () => src as string);
      }
      try {
        const put = await t.store.putFile(key, src);
        if (put.sha256 !== f.sha256) {
          throw new Error(
            `local ${src} differs from version ${manifest.version} as published (sha256 ${put.sha256} vs ${f.sha256})`,
          );
        }
        await verifyOn(t.store, key, put.size, put.sha256);
      } finally {
        if (scratch) await rm(scratch, { recursive: true, force: true });
      }
    });
  }

  /**
   * Makes config.pbtxt serve what the alias serves. Re-reads the alias after each write, so
   * when two publishers race, the last one to move the alias also leaves the policy matching it.
   */
  private async syncTriton(alias: string): Promise<void> {
    const t = this.options.triton as TritonTarget;
    const key = `${t.modelName}/config.pbtxt`;
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const rec = await this.readJson<AliasRecord>(aliasKey(this.model, alias));
      if (!rec) return;
      const want = rec.value.version;
      const cur = await t.store.get(key);
      const text = cur?.body.toString('utf8');
      const served = text === undefined ? null : specificVersions(text);
      if (served && served.length === 1 && served[0] === want) return;
      const next =
        text === undefined ? minimalConfig(t.modelName, want) : setVersionPolicy(text, [want]);
      try {
        await t.store.put(key, next, cur ? { ifMatch: cur.etag } : { ifNoneMatch: '*' });
        this.ctx.logger.info(`Triton ${t.store.uri(key)} now serves version ${want}`);
      } catch (e) {
        if (!(e instanceof PreconditionFailed)) throw e;
        await sleep(jitter(attempt));
      }
    }
  }

  // ---------------------------------------------------------------- maintenance

  /** Re-downloads every file of a version into a scratch folder and re-hashes it. */
  async verify(version: number): Promise<VerifyReport> {
    const manifest = await this.requireManifest(version);
    const dir = await mkdtemp(join(this.ctx.workDir, `verify-${version}-`));
    const problems: string[] = [];
    try {
      await mapLimit(manifest.files, this.options.fileConcurrency ?? 4, async (f, i) => {
        try {
          await this.fetchFiles(manifest, [f], () => join(dir, String(i)));
        } catch (e) {
          problems.push((e as Error).message);
        } finally {
          await rm(join(dir, String(i)), { force: true });
        }
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return {
      version,
      ok: problems.length === 0,
      files: manifest.files.length,
      bytes: manifest.files.reduce((s, f) => s + f.size, 0),
      problems,
    };
  }

  /** Claims without a manifest older than graceMs (crashed publishers); removed unless dryRun. */
  async cleanupOrphans(options: { graceMs: number; dryRun?: boolean }): Promise<OrphanClaim[]> {
    const listing = await this.store.list(versionsPrefix(this.model));
    const scan = scanVersions(
      this.model,
      listing.map((o) => o.key),
    );
    const now = this.ctx.now().getTime();
    const orphans: OrphanClaim[] = [];
    for (const n of scan.claimed.filter((v) => !scan.complete.includes(v))) {
      const claim = (await this.readJson<ClaimRecord>(claimKey(this.model, n)))?.value ?? null;
      const claimedAt = claim?.claimedAt ?? null;
      // A writer still renewing its claim is slow, not crashed.
      const lastSeen = claim?.heartbeatAt ?? claimedAt;
      if (lastSeen !== null && now - Date.parse(lastSeen) < options.graceMs) continue;
      const prefix = versionPrefix(this.model, n);
      const keys = listing.map((o) => o.key).filter((k) => k.startsWith(prefix));
      orphans.push({ version: n, runKey: claim?.runKey ?? null, claimedAt, keys });
      if (options.dryRun) continue;
      // A manifest appearing now means the publisher was only slow: leave the version alone.
      if (await this.store.head(manifestKey(this.model, n))) {
        orphans.pop();
        continue;
      }
      const claimK = claimKey(this.model, n);
      await mapLimit(
        keys.filter((k) => k !== claimK),
        8,
        (k) => this.store.delete(k),
      );
      if (claim) {
        const idx = runKeyIndexKey(this.model, claim.runKey);
        const indexed = await this.readJson<{ version: number }>(idx);
        if (indexed?.value.version === n) await this.store.delete(idx);
      }
      await this.store.delete(claimK); // last: the number stays taken until the rest is gone
    }
    return orphans;
  }

  async close(): Promise<void> {
    await this.store.close();
    if (this.options.triton && this.options.triton.store !== this.store) {
      await this.options.triton.store.close();
    }
  }
}

async function verifyOn(
  store: ObjectStore,
  key: string,
  size: number,
  sha256: string,
): Promise<void> {
  const head = await store.head(key);
  if (!head || head.size !== size || (head.sha256 !== undefined && head.sha256 !== sha256)) {
    throw new Error(`upload of ${store.uri(key)} did not verify (size or SHA-256 differs)`);
  }
}

/** The manifest of a version this attempt was writing appeared from another writer. */
class CompletedByOther extends Error {
  constructor(readonly version: number) {
    super(
      `version ${version} was completed by another writer while this attempt held its claim; not adopting it`,
    );
    this.name = 'CompletedByOther';
  }
}
