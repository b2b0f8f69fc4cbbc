/**
 * Enfuce's `x-idempotency-key`: a successful response is replayed for 24 hours for the same key;
 * errors are not stored (vendor-facts 002, Enfuce API docs on idempotency).
 *
 * Records live in a Map in insertion order. The TTL is the same for every record and the clock
 * only moves forward, so the oldest record is always first: each lookup drops expired records
 * from the head, at most PRUNE_PER_LOOKUP of them, and stops at the first live one. The cost per
 * request stays constant however many keys are stored (100 000 keys expiring at once would
 * otherwise stall one request for ~20 ms), and every keyed request removes more expired records
 * than it adds, so expired ones cannot pile up.
 */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const PRUNE_PER_LOOKUP = 64;

export interface IdempotencyRecord<Body> {
  body: Body;
  expiresAt: number;
}

export interface IdempotencyStore<Body> {
  records: Map<string, IdempotencyRecord<Body>>;
}

export function emptyIdempotencyStore<Body>(): IdempotencyStore<Body> {
  return { records: new Map() };
}

/** The stored body for `key`, if it was stored less than 24 hours ago. */
export function recall<Body>(store: IdempotencyStore<Body>, key: string, now: number): Body | undefined {
  prune(store, now);
  const record = store.records.get(key);
  // A clock set backwards can leave an expired record behind a live one: check it, too.
  if (!record || record.expiresAt <= now) return undefined;
  return record.body;
}

export function remember<Body>(store: IdempotencyStore<Body>, key: string, body: Body, now: number): void {
  // Re-inserting keeps the Map ordered by expiry.
  store.records.delete(key);
  store.records.set(key, { body, expiresAt: now + IDEMPOTENCY_TTL_MS });
}

function prune<Body>(store: IdempotencyStore<Body>, now: number): void {
  let budget = PRUNE_PER_LOOKUP;
  for (const [key, record] of store.records) {
    if (record.expiresAt > now || budget-- === 0) return;
    store.records.delete(key);
  }
}
