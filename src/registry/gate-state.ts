/**
 * The gate's state across runs, one JSON object per model at `<model>/state/gate.json`.
 * Updated read-modify-write with a conditional put (If-Match on the ETag read, If-None-Match
 * when new), retried on a lost race, so two concurrent check runs never lose an update.
 */
import { EMPTY_NO_DATA, type NoDataState } from '../gate/no-data.js';
import { gateStateKey } from './keys.js';
import { updateJsonState } from './json-state.js';
import type { ObjectStore } from './types.js';

export interface GateState {
  schema: 1;
  model: string;
  noData: NoDataState;
  updatedAt: string;
}

function parse(body: Buffer, model: string, uri: string): GateState {
  let v: unknown;
  try {
    v = JSON.parse(body.toString('utf8'));
  } catch {
    throw new Error(`${uri} is not JSON: delete it to start the gate state afresh`);
  }
  const nd = (v as { noData?: Partial<NoDataState> } | null)?.noData;
  const ok =
    nd &&
    Number.isInteger(nd.count) &&
    (nd.count as number) >= 0 &&
    Array.isArray(nd.runs) &&
    nd.runs.every((r) => typeof r === 'string');
  if (!ok) throw new Error(`${uri} is not a gate state: delete it to start afresh`);
  return {
    schema: 1,
    model,
    noData: {
      count: nd.count as number,
      since: typeof nd.since === 'string' ? nd.since : null,
      sinceRun: typeof nd.sinceRun === 'string' ? nd.sinceRun : null,
      runs: nd.runs as string[],
    },
    updatedAt: String((v as { updatedAt?: unknown }).updatedAt ?? ''),
  };
}

/** The stored state (the empty streak when none was written yet). */
export async function readGateState(store: ObjectStore, model: string): Promise<NoDataState> {
  const key = gateStateKey(model);
  const got = await store.get(key);
  return got ? parse(got.body, model, store.uri(key)).noData : EMPTY_NO_DATA;
}

/**
 * Applies `step` to the stored state and writes the result if it changed; on a concurrent
 * write (precondition failed) reads again and re-applies. Returns what step returned on the
 * state that was finally stored.
 */
export async function updateGateState<T extends { state: NoDataState; changed: boolean }>(
  store: ObjectStore,
  model: string,
  step: (prev: NoDataState) => T,
  now: () => Date = () => new Date(),
): Promise<T> {
  const key = gateStateKey(model);
  return updateJsonState(
    store,
    key,
    (body) => (body ? parse(body, model, store.uri(key)).noData : EMPTY_NO_DATA),
    step,
    (result): GateState => ({
      schema: 1,
      model,
      noData: result.state,
      updatedAt: now().toISOString(),
    }),
  );
}
