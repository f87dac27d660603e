import { PreconditionFailed, type ObjectStore } from './types.js';

/** Concurrent runs that keep colliding give up after this many reads. */
const ATTEMPTS = 10;

/**
 * Read–modify–write of one JSON state object beside the registry (gate streak, estimate
 * history): `step` sees the stored value (`read` of its body, or `undefined` when there is none);
 * when it changed something, `encode` gives the record to store, written conditionally (If-Match
 * on the ETag read, If-None-Match for a first write). On a concurrent write (precondition
 * failed) it reads again and re-applies, so two runs never lose each other's update. Returns what
 * `step` returned on the value finally stored.
 */
export async function updateJsonState<S, T extends { changed: boolean }>(
  store: ObjectStore,
  key: string,
  read: (body: Buffer | undefined) => S,
  step: (prev: S) => T,
  encode: (result: T) => unknown,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const got = await store.get(key);
    const result = step(read(got?.body));
    if (!result.changed) return result;
    try {
      await store.put(key, `${JSON.stringify(encode(result), null, 2)}\n`, {
        ...(got ? { ifMatch: got.etag } : { ifNoneMatch: '*' as const }),
        contentType: 'application/json',
      });
      return result;
    } catch (e) {
      if (!(e instanceof PreconditionFailed) || attempt >= ATTEMPTS) throw e;
      // Another run wrote in between: back off a little, then read its state and apply ours on top.
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
