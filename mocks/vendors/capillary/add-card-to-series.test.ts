import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSPORTS, createTransport, freshSession, type SentRequest } from '../../testing/transports.ts';
import { ADD_CARD, capillaryResponses } from './answers.ts';
import { capillarySamples } from './fixtures.ts';
import { md5Hex } from './md5.ts';
import type { CapillaryState } from './state.ts';

const example = (status: number, name?: string) => capillaryResponses.example(ADD_CARD, status, name).body as any;
const WRITE = capillarySamples.authorization;
const READ_ONLY = String(capillarySamples.fixtures.readOnlyAuthorization);

const add = (body: Record<string, unknown>, authorization: string | null = WRITE): SentRequest => ({
  method: 'POST',
  path: '/v2/card',
  headers: authorization ? { authorization } : {},
  body: { cardNumber: 'new-0001', statusLabel: 'NOT_ISSUED', ...body },
});

const ROWS: { given: string; request: SentRequest; status: number; example?: string; message?: RegExp }[] = [
  { given: 'cardNumber already exists', request: add({ seriesId: 224, cardNumber: 'ghost0000800001000001' }), status: 409, example: 'CARD_NUMBER_EXISTS' },
  { given: 'cardExternalId already exists', request: add({ seriesId: 224, cardExternalId: 'CardExternal0001' }), status: 409, example: 'CARD_EXTERNAL_ID_EXISTS' },
  { given: 'unknown seriesId', request: add({ seriesId: 999 }), status: 404, example: 'SERIES_NOT_FOUND' },
  { given: 'unknown seriesCode', request: add({ seriesCode: 'NOPE' }), status: 404, example: 'SERIES_NOT_FOUND' },
  { given: 'expired series', request: add({ seriesId: 226 }), status: 400, example: 'CARD_SERIES_EXPIRED' },
  { given: 'neither seriesId nor seriesCode', request: add({}), status: 400, message: /^Invalid request: seriesId or seriesCode is required$/ },
  // The spec's own example, word for word (issue 20: no repeated problems, no schema jargon).
  { given: 'no cardNumber', request: { ...add({ seriesId: 224 }), body: { seriesId: 224, statusLabel: 'NOT_ISSUED' } }, status: 400, example: 'INVALID_REQUEST' },
  { given: 'statusLabel outside the supported set', request: add({ seriesId: 224, statusLabel: 'LOST' }), status: 400, message: /statusLabel/ },
  { given: 'missing Basic credentials', request: add({ seriesId: 224 }, null), status: 401, example: 'UNAUTHORISED' },
  { given: 'password sent in clear, not md5hex', request: add({ seriesId: 224 }, `Basic ${btoa('store.server:server123')}`), status: 401, example: 'UNAUTHORISED' },
  { given: 'unknown till', request: add({ seriesId: 224 }, `Basic ${btoa(`nobody:${md5Hex('server123')}`)}`), status: 401, example: 'UNAUTHORISED' },
  { given: 'Bearer instead of Basic', request: add({ seriesId: 224 }, 'Bearer token'), status: 401, example: 'UNAUTHORISED' },
  { given: 'a till without WRITE access', request: add({ seriesId: 224 }, READ_ONLY), status: 403, example: 'FORBIDDEN' },
];

describe.each(TRANSPORTS)('Capillary add card via %s', (name) => {
  const t = createTransport(name);
  beforeAll(() => t.start());
  afterAll(() => t.stop());
  const send = (session: string, request: SentRequest) => t.send('capillary', session, request);
  const state = (session: string) => t.engine.state<CapillaryState>(session, 'capillary');

  it('series by seriesId, new card number → 200 {entity, warnings: []}; the card is in state', async () => {
    const s = freshSession();
    const r = await send(s, add({ seriesId: 224, cardExternalId: 'ext-new' }));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ entity: expect.any(Number), warnings: [] });
    expect(state(s).cards.get('new-0001')).toMatchObject({ id: r.body.entity, seriesId: 224, cardExternalId: 'ext-new' });
  });

  it('series by seriesCode when seriesId is absent → 200 in that series', async () => {
    const s = freshSession();
    const r = await send(s, add({ seriesCode: 'GIFT' }));
    expect(r.status).toBe(200);
    expect(state(s).cards.get('new-0001')?.seriesId).toBe(225);
  });

  it('adding the same number twice → 409 CARD_NUMBER_EXISTS the second time', async () => {
    const s = freshSession();
    expect((await send(s, add({ seriesId: 224 }))).status).toBe(200);
    const again = await send(s, add({ seriesId: 225 }));
    expect([again.status, again.body]).toEqual([409, example(409, 'CARD_NUMBER_EXISTS')]);
    expect(state(s).cards.get('new-0001')?.seriesId).toBe(224);
  });

  it('unknown customerId → 200, the card added without a customer, and the documented warning', async () => {
    const s = freshSession();
    const r = await send(s, add({ seriesId: 224, customerId: 42 }));
    expect(r.status).toBe(200);
    expect(r.body.warnings).toEqual(example(200, 'CARD_ADDED_CUSTOMER_UNKNOWN').warnings);
    expect(state(s).cards.get('new-0001')?.customerId).toBeUndefined();
    const known = await send(s, add({ seriesId: 224, cardNumber: 'new-0002', customerId: 5001 }));
    expect(known.body.warnings).toEqual([]);
  });

  it.each(ROWS)('$given → $status $example', async ({ request, status, example: name, message }) => {
    const s = freshSession();
    const before = state(s).cards.size;
    const r = await send(s, request);
    expect(r.status).toBe(status);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    if (name) expect(r.body).toEqual(example(status, name));
    if (message) {
      expect(r.body.errors[0].code).toBe(example(400, 'INVALID_REQUEST').errors[0].code);
      expect(r.body.errors[0].message).toMatch(message);
    }
    expect(state(s).cards.size).toBe(before);
  });
});

describe('Capillary add card: concurrency over HTTP', () => {
  const t = createTransport('http');
  beforeAll(() => t.start());
  afterAll(() => t.stop());

  it('50 parallel adds of one card number → exactly one 200 and 49 × 409; one card in state', async () => {
    const s = freshSession('race');
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => t.send('capillary', s, add({ seriesId: i % 2 ? 224 : 225, cardNumber: 'race-1' }))));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(49);
    const cards = [...t.engine.state<CapillaryState>(s, 'capillary').cards.values()].filter((c) => c.cardNumber === 'race-1');
    expect(cards).toHaveLength(1);
  });
});
