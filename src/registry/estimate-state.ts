/**
 * Label-free estimates across runs, one JSON object per model at
 * `<model>/state/estimates.json`: each window's estimate, and its realized value once the
 * labels came. Updated read-modify-write with a conditional put (If-Match on the ETag read,
 * If-None-Match when new) and retried on a lost race, as the gate's state is, so concurrent or
 * repeated runs never lose or double a record.
 */
import type { EstimateRecord } from '../performance/estimate/record.js';
import { updateJsonState } from './json-state.js';
import type { ObjectStore } from './types.js';

export const estimateStateKey = (model: string): string => `${model}/state/estimates.json`;

interface EstimateState {
  schema: 1;
  model: string;
  records: EstimateRecord[];
  updatedAt: string;
}

function isRecord(r: unknown): r is EstimateRecord {
  const x = r as Partial<EstimateRecord> | null;
  return (
    !!x &&
    typeof x.start === 'string' &&
    typeof x.end === 'string' &&
    typeof x.metric === 'string' &&
    typeof x.value === 'number' &&
    Array.isArray(x.interval) &&
    x.interval.length === 2 &&
    x.interval.every((v) => typeof v === 'number')
  );
}

function parse(body: Buffer, uri: string): EstimateRecord[] {
  let v: unknown;
  try {
    v = JSON.parse(body.toString('utf8'));
  } catch {
    throw new Error(`${uri} is not JSON: delete it to start the estimate history afresh`);
  }
  const records = (v as { records?: unknown } | null)?.records;
  if (!Array.isArray(records) || !records.every(isRecord))
    throw new Error(`${uri} is not an estimate history: delete it to start afresh`);
  return records;
}

export async function readEstimateRecords(
  store: ObjectStore,
  model: string,
): Promise<EstimateRecord[]> {
  const key = estimateStateKey(model);
  const got = await store.get(key);
  return got ? parse(got.body, store.uri(key)) : [];
}

/**
 * Applies `step` to the stored records and writes the result when it changed; on a concurrent
 * write reads again and re-applies. Returns what step returned on the records finally stored.
 */
export async function updateEstimateRecords<
  T extends { records: EstimateRecord[]; changed: boolean },
>(
  store: ObjectStore,
  model: string,
  step: (prev: EstimateRecord[]) => T,
  now: () => Date = () => new Date(),
): Promise<T> {
  const key = estimateStateKey(model);
  return updateJsonState(
    store,
    key,
    (body) => (body ? parse(body, store.uri(key)) : []),
    step,
    (result): EstimateState => ({
      schema: 1,
      model,
      records: result.records,
      updatedAt: now().toISOString(),
    }),
  );
}
