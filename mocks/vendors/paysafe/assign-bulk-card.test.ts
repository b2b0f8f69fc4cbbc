import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSPORTS, createTransport, freshSession, type SentRequest } from '../../testing/transports.ts';
import { paysafeResponses } from './answers.ts';
import { PAYSAFE_TOKEN } from './fixtures.ts';
import type { PaysafeState } from './state.ts';

const ASSIGN = 'assignBulkCard';
const example = (status: number, name?: string) => paysafeResponses.example(ASSIGN, status, name).body as any;

const OWNER = '1231122232';
const TARGET = '1233333323';
const CARD = 'f16ba382-eb42-481a-b08f-c57bdc9aae24';
const ASSIGNED_CARD = '9c1d8a52-2f4e-4c7b-a1d6-0e5b7f3c2a10';

const assign = (
  { customerId = OWNER, cardId = CARD, body = { targetCustomerId: TARGET } as unknown, headers = {} as Record<string, string> } = {},
): SentRequest => ({
  method: 'POST',
  path: `/customers/${customerId}/prepaid/cards/${cardId}/assignments`,
  headers: { authorization: `Bearer ${PAYSAFE_TOKEN}`, ...headers },
  body,
});

const ROWS: { given: string; request: SentRequest; status: number; example?: string; field?: string }[] = [
  { given: 'card already assigned', request: assign({ cardId: ASSIGNED_CARD }), status: 400, example: 'ALREADY_ASSIGNED_CARD' },
  { given: 'target customer unknown', request: assign({ body: { targetCustomerId: '999' } }), status: 400, example: 'ASSIGN_TO_CUSTOMER_NOT_FOUND' },
  { given: 'path customer unknown', request: assign({ customerId: '999' }), status: 404, example: 'NO_SUCH_CUSTOMER' },
  { given: 'card of another customer', request: assign({ customerId: TARGET }), status: 404, example: 'NO_SUCH_CARD' },
  { given: 'no bearer token', request: { ...assign(), headers: {} }, status: 401, example: 'INVALID_CREDENTIALS' },
  { given: 'invalid bearer token', request: assign({ headers: { authorization: 'Bearer nope' } }), status: 401, example: 'INVALID_CREDENTIALS' },
  { given: 'Basic credentials', request: assign({ headers: { authorization: 'Basic dXNlcjpwYXNz' } }), status: 401, example: 'INVALID_CREDENTIALS' },
  { given: 'body without targetCustomerId', request: assign({ body: {} }), status: 400, field: 'targetCustomerId' },
  { given: 'targetCustomerId not a string', request: assign({ body: { targetCustomerId: 42 } }), status: 400, field: 'targetCustomerId' },
  { given: 'body not JSON', request: assign({ body: 'targetCustomerId=1', headers: { 'content-type': 'application/json' } }), status: 400, field: 'body' },
  { given: 'body not declared JSON', request: assign({ body: '{}', headers: { 'content-type': 'text/plain' } }), status: 400, field: 'content-type' },
  { given: 'no body', request: { ...assign(), body: undefined }, status: 400, field: 'body' },
  { given: 'cardId not a UUID', request: assign({ cardId: 'not-a-uuid' }), status: 400, field: 'cardId' },
];

describe.each(TRANSPORTS)('Paysafe assign via %s', (name) => {
  const t = createTransport(name);
  beforeAll(() => t.start());
  afterAll(() => t.stop());
  const send = (session: string, request: SentRequest) => t.send('paysafe', session, request);

  it('unassigned bulk card of C, target T exists → 200 {cardId, customerId, targetCustomerId}; card assigned', async () => {
    const s = freshSession();
    const r = await send(s, assign());
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ cardId: CARD, customerId: OWNER, targetCustomerId: TARGET });
    expect(t.engine.state<PaysafeState>(s, 'paysafe').cards.get(CARD)?.assignedTo).toBe(TARGET);
  });

  it('assigning the same card twice → 400 ALREADY_ASSIGNED_CARD the second time', async () => {
    const s = freshSession();
    expect((await send(s, assign())).status).toBe(200);
    const again = await send(s, assign());
    expect(again.status).toBe(400);
    expect(again.body).toEqual(example(400, 'ALREADY_ASSIGNED_CARD'));
  });

  it.each(ROWS)('$given → $status $example$field', async ({ request, status, example: name, field }) => {
    const s = freshSession();
    const r = await send(s, request);
    expect(r.status).toBe(status);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    if (name) expect(r.body).toEqual(example(status, name));
    if (field) {
      expect(r.body.error.code).toBe(example(400, 'INVALID_FIELD_VALUE').error.code);
      expect(r.body.error.fieldErrors.map((f: { field: string }) => f.field)).toContain(field);
    }
    // Nothing was assigned by a rejected request.
    expect(t.engine.state<PaysafeState>(s, 'paysafe').cards.get(CARD)?.assignedTo).toBeUndefined();
  });

  it.each([500, 503])('fault %i by header → the documented body exactly', async (status) => {
    const r = await send(freshSession(), assign({ headers: { 'x-cardmock-fault': String(status) } }));
    expect(r.status).toBe(status);
    expect(r.body).toEqual(example(status));
  });

  it('fault rule from the control API applies `times` requests, then the card is assignable', async () => {
    const s = freshSession();
    const added = await t.control(s, 'POST', '/__cardmock/faults', { vendor: 'paysafe', operationId: ASSIGN, status: 503, times: 1 });
    expect(added.status).toBe(201);
    const first = await send(s, assign());
    expect([first.status, first.body]).toEqual([503, example(503)]);
    expect((await send(s, assign())).status).toBe(200);
  });

  it('a fault status the operation does not document is refused', async () => {
    const s = freshSession();
    const viaControl = await t.control(s, 'POST', '/__cardmock/faults', { vendor: 'paysafe', status: 409 });
    expect(viaControl.status).toBe(400);
    const viaHeader = await send(s, assign({ headers: { 'x-cardmock-fault': '409' } }));
    expect(viaHeader.status).toBe(400);
    expect(viaHeader.body.error.fieldErrors[0].field).toBe('x-cardmock-fault');
  });

  it('fixtures added through the control API are assignable; two sessions never see each other', async () => {
    const [a, b] = [freshSession('a'), freshSession('b')];
    const cardId = '0b7c3f0e-7a1a-4d53-9b7e-111111111111';
    const added = await t.control(a, 'POST', '/__cardmock/paysafe/fixtures', { customers: [{ customerId: '555' }], cards: [{ cardId, customerId: '555' }] });
    expect(added.status).toBe(200);
    expect((await send(a, assign({ customerId: '555', cardId }))).status).toBe(200);
    expect((await send(b, assign({ customerId: '555', cardId }))).status).toBe(404);
    const reset = await t.control(a, 'POST', '/__cardmock/reset');
    expect(reset.status).toBe(200);
    expect((await send(a, assign({ customerId: '555', cardId }))).status).toBe(404);
  });
});

describe('Paysafe assign: concurrency over HTTP', () => {
  const t = createTransport('http');
  beforeAll(() => t.start());
  afterAll(() => t.stop());

  it('50 parallel assigns of one card → exactly one 200 and 49 × 400 ALREADY_ASSIGNED_CARD', async () => {
    const s = freshSession('race');
    const responses = await Promise.all(Array.from({ length: 50 }, () => t.send('paysafe', s, assign())));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    const rejected = responses.filter((r) => r.status === 400);
    expect(rejected).toHaveLength(49);
    expect(new Set(rejected.map((r) => r.body.error.code))).toEqual(new Set([example(400, 'ALREADY_ASSIGNED_CARD').error.code]));
  });
});
