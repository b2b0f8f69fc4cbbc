import { describe, expect, it } from 'vitest';
import { fixturesSeen } from './fixtures-seen.ts';
import type { RecordedExchange } from './recording.ts';

const exchange = (vendor: string, status: number, pathParams: Record<string, string>, body?: unknown, answer: unknown = {}): RecordedExchange => ({
  n: 1,
  vendor,
  pathParams,
  request: { method: 'POST', url: '/', headers: {}, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) },
  response: { status, headers: {}, body: JSON.stringify(answer) },
});

describe('fixturesSeen', () => {
  it.each<[string, RecordedExchange, unknown]>([
    ['path parameters of a success', exchange('paysafe', 200, { customerId: 'C-1', cardId: '0b3c2f4e-5a6b-4c7d-8e9f-a0b1c2d3e4f5' }), { paysafe: { customers: [{ customerId: 'C-1' }], cards: [{ cardId: '0b3c2f4e-5a6b-4c7d-8e9f-a0b1c2d3e4f5', customerId: 'C-1' }] } }],
    ['an entity the fixture schema rejects is left out (cardId must be a uuid)', exchange('paysafe', 200, { customerId: 'C-1', cardId: 'not-a-uuid' }), { paysafe: { customers: [{ customerId: 'C-1' }] } }],
    ['nothing from a failed exchange', exchange('paysafe', 404, { customerId: 'C-1' }), {}],
    ['body fields, typed by the fixture schema', exchange('capillary', 200, {}, { seriesId: 224, cardNumber: 'ghost01', customerId: '5001', statusLabel: 'NOT_ISSUED' }), { capillary: { cards: [{ cardNumber: 'ghost01', seriesId: 224, customerId: 5001, statusLabel: 'NOT_ISSUED' }], customers: [{ customerId: 5001 }] } }],
  ])('%s', (_name, recorded, expected) => {
    expect(fixturesSeen([recorded])).toEqual(expected);
  });
});
