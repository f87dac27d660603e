/**
 * The model registry on top of an ObjectStore. Publishing order makes every crash harmless:
 * claim (If-None-Match) → run index → files → manifest (If-None-Match; the version exists from
 * here) → Triton folder → alias (If-Match compare-and-swap) → Triton policy → history
 * (If-None-Match, append-only). Each step lives in its own part (claims, upload, aliases,
 * history, triton-copy, maintenance); this class puts them in order behind the Registry interface.
 */
import { join } from 'node:path';
import type { NoDataState } from '../gate/no-data.js';
import { redactValue } from '../text/redact.js';
import { moveAlias, promote, rollback } from './aliases.js';
import type { ChampionInfo, HistoryEntry, PublishInput, Registry } from './api.js';
import { claim, findOwn } from './claims.js';
import { RegistryCore } from './core.js';
import { fetchFiles } from './files.js';
import { readGateState, updateGateState } from './gate-state.js';
import { appendHistory, hasHistory, history } from './history.js';
import { aliasKey, filesPrefix, manifestKey } from './keys.js';
import type { Lease } from './lease.js';
import { cleanupOrphans, verify, type OrphanClaim, type VerifyReport } from './maintenance.js';
import { shouldMoveOnResume } from './promotion.js';
import { copyToTriton, syncTriton } from './triton-copy.js';
import type { AliasRecord, Manifest, Publication } from './types.js';
import { adoptVerified, CompletedByOther, sources as localSources, upload } from './upload.js';

export type { PublishStep, RegistryOptions, TritonTarget } from './core.js';
export type { OrphanClaim, VerifyReport } from './maintenance.js';

export class StoreRegistry extends RegistryCore implements Registry {
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
    await fetchFiles(
      this,
      manifest,
      manifest.files.filter((f) => f.path.startsWith('model/')),
      (f) => join(dir, f.path.slice('model/'.length)),
    );
  }
  // ---------------------------------------------------------------- publish

  async publish(input: PublishInput): Promise<Publication> {
    // The manifest and history are published: lineage carries outside text (trigger reason).
    input = { ...input, lineage: redactValue(input.lineage) };
    const sources = await localSources(this, input);
    const claimed = await claim(this, input.runKey);
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
        manifest = await upload(this, claimed.version, input, sources, lease);
      } catch (e) {
        if (!(e instanceof CompletedByOther)) throw e;
        manifest = await adoptVerified(this, claimed.version, input.runKey, e);
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
    const own = await findOwn(this, runKey);
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
      await copyToTriton(this, manifest, opts.sources);
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
        ? await promote(this, alias, version, intent.validatedAgainst)
        : await moveAlias(this, alias, version, (cur) =>
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
      if (this.options.triton) await syncTriton(this, alias);
    }
    if (!(await hasHistory(this, version, ['publish', 'promote']))) {
      await appendHistory(this, {
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
      uri: this.store.uri(`${filesPrefix(this.model, version, manifest.fence)}model/`),
      manifestUri: this.store.uri(manifestKey(this.model, version)),
      alias,
      aliasMoved,
      previousVersion,
      resumed: opts.resumed,
      ...(superseded ? { superseded } : {}),
    };
  }

  /** Local files of the version: the model folder's files, then the extra files. */
  async history(): Promise<HistoryEntry[]> {
    return history(this);
  }

  rollback(to: number | undefined, meta: { runId: string; reason?: string }): Promise<Publication> {
    return rollback(this, to, meta);
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

  /** Re-downloads every file of a version into a scratch folder and re-hashes it. */
  verify(version: number): Promise<VerifyReport> {
    return verify(this, version);
  }

  /** Claims without a manifest older than graceMs (crashed publishers); removed unless dryRun. */
  cleanupOrphans(options: { graceMs: number; dryRun?: boolean }): Promise<OrphanClaim[]> {
    return cleanupOrphans(this, options);
  }

  async close(): Promise<void> {
    await this.store.close();
    if (this.options.triton && this.options.triton.store !== this.store) {
      await this.options.triton.store.close();
    }
  }
}
