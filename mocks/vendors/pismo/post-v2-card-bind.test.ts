import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../../../generated/documents.ts';
import { createSchemaRegistry } from '../../../specs/lib/schema-registry.ts';
import { ASYNC_DELAY_MS, TRANSPORTS, createTransport, freshSession, type Received, type SentRequest } from '../../testing/transports.ts';
import { pismoAccountToken } from './account-token.ts';
import { BIND, pismoResponses } from './answers.ts';
import type { PismoState } from './state.ts';

const schemas = createSchemaRegistry(documents.pismo, 'pismo');
const eventSchema = (name: string) => schemas.validator({ $ref: `#/components/schemas/${name}` });
const codeOf = (status: number, example: string) => (pismoResponses.example(BIND, status, example).body as { code: string }).code;

const TOKEN_1001 = pismoAccountToken(1001);
const bind = (cardId: string | number, headers: Record<string, string> = {}, body?: unknown): SentRequest => ({
  method: 'PUT',
  path: `/wallet/v2/cards/${cardId}/noname/bind`,
  headers: { authorization: `Bearer ${TOKEN_1001}`, 'x-account-id': '1001', 'x-customer-id': '2001', ...headers },
  ...(body !== undefined ? { body } : {}),
});
const without = (request: SentRequest, header: string): SentRequest => {
  const headers = { ...request.headers };
  delete headers[header];
  return { ...request, headers };
};

/** Rows of the table that are one request against the default fixtures. */
const SINGLE_REQUEST_ROWS: { given: string; request: SentRequest; status: number; example?: string }[] = [
  { given: 'card already bound (NORMAL)', request: bind(7100), status: 409, example: 'CARD_NOT_UNBOUND' },
  { given: 'card in another status (BLOCKED)', request: bind(7300), status: 409, example: 'CARD_NOT_UNBOUND' },
  { given: 'reissued_card_id unknown', request: bind(7002, {}, { reissued_card_id: 999999 }), status: 400, example: 'REISSUED_CARD_NOT_FOUND' },
  { given: 'reissued_card_id of another account', request: bind(7002, {}, { reissued_card_id: 7200 }), status: 400, example: 'REISSUED_CARD_NOT_FOUND' },
  { given: 'no bearer token', request: without(bind(7002), 'authorization'), status: 401, example: 'UNAUTHORIZED' },
  { given: 'malformed bearer token', request: bind(7002, { authorization: 'Bearer not-a-jwt' }), status: 401, example: 'UNAUTHORIZED' },
  { given: 'Basic instead of Bearer', request: bind(7002, { authorization: 'Basic dXNlcjpwYXNz' }), status: 401, example: 'UNAUTHORIZED' },
  { given: 'expired bearer token', request: bind(7002, { authorization: `Bearer ${pismoAccountToken(1001, 1_000)}` }), status: 401, example: 'UNAUTHORIZED' },
  { given: 'token uid differs from x-account-id', request: bind(7002, { authorization: `Bearer ${pismoAccountToken(1002)}` }), status: 403, example: 'FORBIDDEN' },
  {
    given: 'token account_id claim differs from x-account-id',
    request: bind(7002, { authorization: `Bearer e30.${btoa(JSON.stringify({ account_id: 1002, exp: 4_102_444_800 })).replace(/=+$/, '')}.x` }),
    status: 403,
    example: 'FORBIDDEN',
  },
  { given: 'x-account-id missing', request: without(bind(7002), 'x-account-id'), status: 400, example: 'BAD_REQUEST' },
  { given: 'x-customer-id missing', request: without(bind(7002), 'x-customer-id'), status: 400, example: 'BAD_REQUEST' },
  { given: 'x-customer-id not an integer', request: bind(7002, { 'x-customer-id': 'abc' }), status: 400, example: 'BAD_REQUEST' },
  { given: 'malformed JSON body', request: bind(7002, { 'content-type': 'application/json' }, '{"reissued_card_id":'), status: 400, example: 'BAD_REQUEST' },
  { given: 'reissued_card_id not an integer', request: bind(7002, {}, { reissued_card_id: 'x' }), status: 400, example: 'BAD_REQUEST' },
  { given: 'unknown card', request: bind(424242), status: 400, example: 'CARD_NOT_FOUND' },
  { given: 'card ID not a number', request: bind('abc'), status: 400, example: 'CARD_NOT_FOUND' },
  { given: 'customer not in the account', request: bind(7002, { 'x-customer-id': '2003' }), status: 403, example: 'FORBIDDEN' },
];

describe.each(TRANSPORTS)('Pismo bind via %s', (name) => {
  const t = createTransport(name);
  beforeAll(() => t.start());
  afterAll(() => t.stop());
  const send = (session: string, request: SentRequest) => t.send('pismo', session, request);
  const events = (session: string) => t.control(session, 'GET', '/__cardmock/pismo/events').then((r) => r.body.events as any[]);
  const card = (session: string, id: number) => t.engine.state<PismoState>(session, 'pismo').cards.get(id)!;

  it('UNBOUND card, valid token → 202; after the async delay CREATED, bound, cards/bind_card logged', async () => {
    const s = freshSession();
    const r = await send(s, bind(7001));
    expect(r.status).toBe(202);
    expect(r.body).toBeUndefined();
    expect(card(s, 7001).status).toBe('UNBOUND');
    expect(await events(s)).toEqual([]);

    t.clock.advance(ASYNC_DELAY_MS);
    expect(card(s, 7001)).toMatchObject({ status: 'CREATED', accountId: 1001, customerId: 2001 });
    const [event, ...rest] = await events(s);
    expect(rest).toEqual([]);
    expect(event.type).toBe('cards/bind_card');
    const validate = eventSchema('CardsBindCardEvent');
    expect(validate(event.payload), JSON.stringify(validate.errors)).toBe(true);
    expect(event.payload.data).toMatchObject({ card_id: 7001, account_id: 1001, customer_id: 2001, card_status: 'CREATED', status: 'SUCCESS' });
  });

  it('bind still in flight → 409, and again after it completed → 409', async () => {
    const s = freshSession();
    expect((await send(s, bind(7001))).status).toBe(202);
    const inFlight = await send(s, bind(7001));
    expect([inFlight.status, inFlight.body.code]).toEqual([409, codeOf(409, 'CARD_NOT_UNBOUND')]);
    t.clock.advance(ASYNC_DELAY_MS);
    expect((await send(s, bind(7001))).status).toBe(409);
  });

  it('reissued_card_id of the same account → 202; old card REISSUED, cards/update logged too', async () => {
    const s = freshSession();
    expect((await send(s, bind(7003, {}, { reissued_card_id: 7100 }))).status).toBe(202);
    t.clock.advance(ASYNC_DELAY_MS);
    expect(card(s, 7100).status).toBe('REISSUED');
    expect(card(s, 7003).status).toBe('CREATED');
    const logged = await events(s);
    expect(logged.map((e) => e.type)).toEqual(['cards/bind_card', 'cards/update']);
    const validate = eventSchema('CardsUpdateEvent');
    expect(validate(logged[1].payload), JSON.stringify(validate.errors)).toBe(true);
    expect(logged[1].payload.data).toMatchObject({ card_id: 7100, card_status: 'REISSUED', card_previous_status: 'NORMAL' });
  });

  it.each(SINGLE_REQUEST_ROWS)('$given → $status $example', async ({ request, status, example }) => {
    const s = freshSession();
    const r: Received = await send(s, request);
    expect(r.status).toBe(status);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    if (example) expect(r.body.code).toBe(codeOf(status, example));
    // A rejected bind changes nothing.
    t.clock.advance(ASYNC_DELAY_MS);
    expect(await events(s)).toEqual([]);
  });

  it('fault injected by header → 500 with the documented example', async () => {
    const r = await send(freshSession(), bind(7001, { 'x-cardmock-fault': '500' }));
    expect(r.status).toBe(500);
    expect(r.body).toEqual(pismoResponses.example(BIND, 500).body);
  });

  it('two sessions never see each other', async () => {
    const [a, b] = [freshSession('a'), freshSession('b')];
    expect((await send(a, bind(7004))).status).toBe(202);
    t.clock.advance(ASYNC_DELAY_MS);
    expect(card(a, 7004).status).toBe('CREATED');
    expect(card(b, 7004).status).toBe('UNBOUND');
    expect((await send(b, bind(7004))).status).toBe(202);
  });
});

describe('Pismo bind: concurrency over HTTP', () => {
  const t = createTransport('http');
  beforeAll(() => t.start());
  afterAll(() => t.stop());

  it('50 parallel binds of one UNBOUND card → exactly one 202 and 49 × 409', async () => {
    const s = freshSession('race');
    const statuses = await Promise.all(Array.from({ length: 50 }, () => t.send('pismo', s, bind(7005)).then((r) => r.status)));
    expect(statuses.filter((x) => x === 202)).toHaveLength(1);
    expect(statuses.filter((x) => x === 409)).toHaveLength(49);
  });
});
