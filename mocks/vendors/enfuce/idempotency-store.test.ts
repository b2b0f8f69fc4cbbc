import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_TTL_MS, PRUNE_PER_LOOKUP, emptyIdempotencyStore, recall, remember } from './idempotency-store.ts';

describe('Enfuce idempotency store', () => {
  it.each([
    { after: 0, replayed: true },
    { after: IDEMPOTENCY_TTL_MS - 1, replayed: true },
    { after: IDEMPOTENCY_TTL_MS, replayed: false },
  ])('a body stored $after ms ago is replayed: $replayed', ({ after, replayed }) => {
    const store = emptyIdempotencyStore<string>();
    remember(store, 'k', 'body', 1_000);
    expect(recall(store, 'k', 1_000 + after)).toBe(replayed ? 'body' : undefined);
  });

  it('a record expired but not yet pruned is not replayed', () => {
    const store = emptyIdempotencyStore<number>();
    for (let i = 0; i < 1_000; i++) remember(store, `k${i}`, i, i);
    const later = 1_000 + IDEMPOTENCY_TTL_MS;
    expect(recall(store, 'k999', later)).toBeUndefined();
    // Pruning is bounded per lookup, so most expired records are still there, and still not replayed.
    expect(store.records.size).toBeGreaterThan(900);
  });

  it('expired records drain with each lookup and never outgrow what is live', () => {
    const store = emptyIdempotencyStore<number>();
    for (let i = 0; i < 1_000; i++) remember(store, `old${i}`, i, 0);
    const old = () => [...store.records.keys()].filter((k) => k.startsWith('old')).length;
    let now = IDEMPOTENCY_TTL_MS;
    let requests = 0;
    while (old() > 0 && requests < 1_000) {
      recall(store, `new${requests}`, ++now);
      remember(store, `new${requests}`, requests++, now);
    }
    expect(requests).toBe(Math.ceil(1_000 / PRUNE_PER_LOOKUP));
    expect(store.records.size).toBe(requests);
  });

  it('storing a key again moves it to the back, so the head stays the oldest', () => {
    const store = emptyIdempotencyStore<string>();
    remember(store, 'a', 'first', 0);
    remember(store, 'b', 'b', 10);
    remember(store, 'a', 'second', 20);
    expect([...store.records.keys()]).toEqual(['b', 'a']);
    expect(recall(store, 'a', 10 + IDEMPOTENCY_TTL_MS)).toBe('second');
    expect(store.records.has('b')).toBe(false);
  });
});
