import { describe, expect, it } from 'vitest';
import { manualClock } from './clock.ts';
import { createSessionStore } from './session-store.ts';

describe('session store', () => {
  it('runs scheduled transitions once due, in due order, ties in scheduling order', () => {
    const clock = manualClock();
    const store = createSessionStore(clock);
    const session = store.get('s');
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
    const session = store.get('s');
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
    const session = store.get('s');
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
