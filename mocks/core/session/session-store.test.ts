import { describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import { createSessionStore } from './session-store.ts';

describe('session store', () => {
  it('runs scheduled transitions once due, in due order, ties in scheduling order', () => {
    const clock = manualClock();
    const store = createSessionStore(clock);
    const session = store.enter('s');
    const ran: string[] = [];
    for (const [name, delay] of [['c', 30], ['a', 10], ['b', 20], ['a2', 10], ['d', 40]] as const) store.schedule(session, 'v', delay, () => ran.push(name));
    store.settle(session);
    expect(ran).toEqual([]);
    clock.advance(20);
    store.settle(session);
    expect(ran).toEqual(['a', 'a2', 'b']);
    clock.advance(100);
    store.settle(session);
    expect(ran).toEqual(['a', 'a2', 'b', 'c', 'd']);
  });

  it('keeps 10 000 pending transitions ordered', () => {
    const clock = manualClock();
    const store = createSessionStore(clock);
    const session = store.enter('s');
    const ran: number[] = [];
    for (let i = 0; i < 10_000; i++) store.schedule(session, 'v', (i * 7919) % 1000, () => ran.push((i * 7919) % 1000));
    clock.advance(1000);
    store.settle(session);
    expect(ran).toHaveLength(10_000);
    expect(ran).toEqual([...ran].sort((a, b) => a - b));
  });

  it('resetting one vendor drops only its pending work and logs', () => {
    const clock = manualClock();
    const store = createSessionStore(clock);
    const session = store.enter('s');
    const ran: string[] = [];
    store.schedule(session, 'pismo', 5, () => ran.push('pismo'));
    store.schedule(session, 'paysafe', 5, () => ran.push('paysafe'));
    store.emit(session, 'pismo', 'e', {});
    store.reset('s', 'pismo');
    clock.advance(10);
    store.settle(session);
    expect(ran).toEqual(['paysafe']);
    expect(session.events).toEqual([]);
  });
});

describe('bounded sessions', () => {
  const limits = { maxSessions: 3, idleTtlMs: 1_000 };
  const holdState = (store: ReturnType<typeof createSessionStore>, id: string) => {
    const session = store.enter(id);
    session.states.set('v', {});
    store.leave(session);
    return session;
  };

  it('a session that ends a request holding nothing is not kept', () => {
    const store = createSessionStore(manualClock(), limits);
    store.leave(store.enter('looked-at'));
    expect(store.ids()).toEqual([]);
    holdState(store, 'kept');
    expect(store.ids()).toEqual(['kept']);
  });

  it('a session in use by a request is shared, and kept until its last request leaves', () => {
    const store = createSessionStore(manualClock(), limits);
    const a = store.enter('s');
    const b = store.enter('s');
    expect(b).toBe(a);
    store.leave(a);
    a.faults.push({ vendor: 'v' });
    store.leave(b);
    expect(store.ids()).toEqual(['s']);
  });

  it('evicts the least recently used session beyond the limit, and counts it', () => {
    const idle = manualClock();
    const store = createSessionStore(manualClock(), { ...limits, idleClock: idle });
    for (const id of ['a', 'b', 'c']) holdState(store, id);
    store.leave(store.enter('a')); // a is now the most recently used
    holdState(store, 'd');
    expect(store.ids().sort()).toEqual(['a', 'c', 'd']);
    expect(store.stats()).toMatchObject({ live: 3, evicted: { lru: 1, idle: 0 } });
  });

  it('never evicts a session with a request in flight', () => {
    const store = createSessionStore(manualClock(), limits);
    const busy = store.enter('busy');
    busy.states.set('v', {});
    for (const id of ['b', 'c', 'd', 'e']) holdState(store, id);
    expect(store.ids()).toContain('busy');
    store.leave(busy);
  });

  it('keeps the default session through any idle time and beyond the limit', () => {
    const idle = manualClock();
    const store = createSessionStore(manualClock(), { ...limits, idleClock: idle });
    holdState(store, 'default');
    for (const id of ['a', 'b', 'c', 'd']) holdState(store, id);
    expect(store.ids()).toContain('default');
    expect(store.ids()).toHaveLength(limits.maxSessions + 1);
    idle.advance(10 * limits.idleTtlMs);
    holdState(store, 'e');
    expect(store.ids().sort()).toEqual(['default', 'e']);
  });

  it('drops sessions idle longer than the TTL, and counts them', () => {
    const idle = manualClock();
    const store = createSessionStore(manualClock(), { ...limits, idleClock: idle });
    holdState(store, 'old');
    idle.advance(600);
    holdState(store, 'young');
    idle.advance(600);
    expect(store.ids()).toEqual(['young']);
    expect(store.stats().evicted).toEqual({ lru: 0, idle: 1, memory: 0 });
  });

  it('200 000 distinct names keep at most the limit alive', () => {
    const store = createSessionStore(manualClock(), { maxSessions: 1_000, idleTtlMs: 60_000 });
    for (let i = 0; i < 200_000; i++) {
      const s = store.enter(`s-${i}`);
      if (i % 2 === 0) s.states.set('v', { i });
      store.leave(s);
    }
    expect(store.stats()).toMatchObject({ live: 1_000, evicted: { lru: 99_000, idle: 0 } });
  });
});
