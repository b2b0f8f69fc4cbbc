import { describe, expect, it } from 'vitest';
import { allocateFixtures, fixturePlan } from './fixture-pool.ts';
import type { Scenario } from './scenario.ts';

const scenario = (id: string, extra: Partial<Scenario> = {}): Scenario => ({
  id,
  title: id,
  rule: id,
  vendor: 'v',
  operationId: 'op',
  status: 200,
  needs: ['cardId', 'customerId'],
  request: () => ({ path: {} }),
  ...extra,
});

describe('fixture pools', () => {
  const consumers = [scenario('a', { consumes: ['cardId'] }), scenario('b', { consumes: ['cardId'] })];
  const reader = scenario('r');

  it('gives each consuming scenario its own value, and readers the one no consumer takes', () => {
    const got = allocateFixtures([...consumers, reader], () => ({ cardId: [1, 2, 3], customerId: 'c' }), false);
    expect(got.get('a')).toEqual({ fixtures: { cardId: 1, customerId: 'c' } });
    expect(got.get('b')).toEqual({ fixtures: { cardId: 2, customerId: 'c' } });
    expect(got.get('r')).toEqual({ fixtures: { cardId: 3, customerId: 'c' } });
  });

  it('skips a consumer with the reason when the pool is exhausted, never hands out a used value', () => {
    const got = allocateFixtures([...consumers, reader], () => ({ cardId: [1, 2], customerId: 'c' }), false);
    expect(got.get('a')).toEqual({ fixtures: { cardId: 1, customerId: 'c' } });
    expect(got.get('b')).toEqual({ exhausted: expect.stringMatching(/fixture pool exhausted: v\.cardId.*--plan/) });
    expect(got.get('r')).toEqual({ fixtures: { cardId: 2, customerId: 'c' } });
  });

  it('takes one index across every key a scenario consumes (an account and its room)', () => {
    const pair = [scenario('x', { needs: ['acc', 'room'], consumes: ['acc', 'room'] }), scenario('y', { needs: ['acc', 'room'], consumes: ['acc', 'room'] })];
    const got = allocateFixtures(pair, () => ({ acc: ['A', 'B'], room: [5, 7] }), false);
    expect(got.get('y')).toEqual({ fixtures: { acc: 'B', room: 7 } });
  });

  it('uses the first value for everything where every scenario has a fresh session', () => {
    const got = allocateFixtures([...consumers, reader], () => ({ cardId: [1, 2], customerId: 'c' }), true);
    for (const id of ['a', 'b', 'r']) expect(got.get(id)).toEqual({ fixtures: { cardId: 1, customerId: 'c' } });
  });

  it('plans consumers plus one shared value for readers', () => {
    expect(fixturePlan([...consumers, reader]).find((r) => r.key === 'cardId')).toEqual({ vendor: 'v', key: 'cardId', consumers: ['a', 'b'], readers: 1, needed: 3 });
    expect(fixturePlan(consumers).find((r) => r.key === 'cardId')!.needed).toBe(2);
  });
});
