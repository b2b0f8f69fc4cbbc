import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSPORTS, createTransport, freshSession, type Received, type SentRequest } from '../../testing/transports.ts';
import { ADD_CARDS, exchangeSolutionsResponses } from './answers.ts';
import { EXCHANGE_SOLUTIONS_TOKEN, OWN_CARD, SESSIONS, TAKEN_CARD } from './fixtures.ts';
import { exchangeSolutions } from './index.ts';
import type { ExchangeSolutionsState } from './state.ts';

const VENDOR = 'exchange-solutions';
const example = (status: number, name?: string) => exchangeSolutionsResponses.example(ADD_CARDS, status, name).body as any;
const requestExample = (name: string) => {
  const media = exchangeSolutionsResponses.operation(ADD_CARDS).requestBody!.content['application/json']!;
  return structuredClone((media.examples![name] as { value: unknown }).value) as any;
};
const PHYSICAL = requestExample('PHYSICAL');
const DIGITAL = requestExample('DIGITAL');
const CARD_ON_ANOTHER_ACCOUNT = example(200, 'PARTLY_ADDED').errorList[0].errorMessage;
const DEFAULT_CARDS = exchangeSolutions.createState().cardOwners.size;

const add = (
  { session = SESSIONS.active as string, body = PHYSICAL as unknown, headers = {} as Record<string, string> } = {},
): SentRequest => ({
  method: 'POST',
  path: `/client/users/${session}/cards`,
  headers: { authorization: `Bearer ${EXCHANGE_SOLUTIONS_TOKEN}`, ...headers },
  body,
});
const physical = (...loyaltyIds: (string | number)[]) => ({ physicalCards: loyaltyIds.map((loyaltyId) => ({ loyaltyId })) });
const FRESH = '6012000000009001';
const FRESH_2 = '6012000000009002';

type State = ExchangeSolutionsState;
interface Row {
  given: string;
  request: SentRequest;
  status: number;
  /** The named example the body must equal. */
  example?: string;
  /** An invalid request: INVALID_REQUEST naming this field. */
  field?: string;
  /** The 200 body, and what must hold afterwards. */
  body?: unknown;
  then?: (state: State, received: Received) => void;
}

const cardsOf = (state: State, accountId: string) => state.accounts.get(accountId)!.cards.map((c) => c.cardNumber);

const ROWS: Row[] = [
  {
    given: 'registered active account, physical cards (PHYSICAL example)',
    request: add(),
    status: 200,
    body: example(200, 'CARDS_ADDED'),
    then: (state) => expect(cardsOf(state, 'ACC-1001')).toEqual([OWN_CARD, ...PHYSICAL.physicalCards.map((c: any) => c.loyaltyId)]),
  },
  {
    given: 'quantity N digital cards (DIGITAL example), digital enabled',
    request: add({ body: DIGITAL }),
    status: 200,
    then: (state, r) => {
      expect(r.body.successList).toHaveLength(DIGITAL.quantity);
      expect(new Set(r.body.successList).size).toBe(DIGITAL.quantity);
      expect(r.body.errorList).toEqual([]);
      expect(cardsOf(state, 'ACC-1001')).toEqual([OWN_CARD, ...r.body.successList]);
      for (const n of r.body.successList) expect(state.accounts.get('ACC-1001')!.cards.find((c) => c.cardNumber === n)).toMatchObject({ kind: 'digital', status: 'Active' });
    },
  },
  ...([true, 'true'] as const).map((isDefault): Row => ({
    given: `isDefault ${JSON.stringify(isDefault)} (the page: 'Boolean: Enum: "true" or "false"')`,
    request: add({ body: { physicalCards: [{ loyaltyId: '6012000000000011', isDefault }] } }),
    status: 200,
    then: (state) => expect(state.accounts.get('ACC-1001')!.defaultCard).toBe('6012000000000011'),
  })),
  {
    given: 'isDefault "false" is no default',
    request: add({ body: { physicalCards: [{ loyaltyId: '6012000000000012', isDefault: 'false' }] } }),
    status: 200,
    then: (state) => expect(state.accounts.get('ACC-1001')!.defaultCard).toBeUndefined(),
  },
  { given: 'isDefault "yes"', request: add({ body: { physicalCards: [{ loyaltyId: '6012000000000013', isDefault: 'yes' }] } }), status: 400, field: 'isDefault' },
  { given: 'quantity 0', request: add({ body: { quantity: 0 } }), status: 400, example: 'NO_CARD_REQUESTED' },
  { given: 'neither physicalCards nor quantity', request: add({ body: {} }), status: 400, example: 'NO_CARD_REQUESTED' },
  { given: 'empty physicalCards', request: add({ body: { physicalCards: [] } }), status: 400, example: 'NO_CARD_REQUESTED' },
  { given: 'empty physicalCards and quantity 0', request: add({ body: { physicalCards: [], quantity: 0 } }), status: 400, example: 'NO_CARD_REQUESTED' },
  { given: 'a physical card with an empty loyaltyId', request: add({ body: physical(FRESH, '') }), status: 400, example: 'INVALID_LOYALTY_ID' },
  { given: 'a physical card with a blank loyaltyId', request: add({ body: physical('  ') }), status: 400, example: 'INVALID_LOYALTY_ID' },
  { given: 'account CLOSED (400 chosen over 401 API_VALIDATION)', request: add({ session: SESSIONS.closed }), status: 400, example: 'ACCOUNT_CLOSED_OR_DECEASED' },
  { given: 'account DECEASED', request: add({ session: SESSIONS.deceased }), status: 400, example: 'ACCOUNT_CLOSED_OR_DECEASED' },
  { given: 'CLOSED account, digital cards', request: add({ session: SESSIONS.closed, body: DIGITAL }), status: 400, example: 'ACCOUNT_CLOSED_OR_DECEASED' },
  { given: 'account not registered', request: add({ session: SESSIONS.unregistered }), status: 400, example: 'ACCOUNT_NOT_REGISTERED' },
  { given: 'account at its card limit, one more physical card', request: add({ session: SESSIONS.full, body: physical(FRESH) }), status: 400, example: 'MAXIMUM_CARDS_EXCEEDED' },
  { given: 'digital cards beyond the limit (1 card + 5 of 5)', request: add({ body: { quantity: 5 } }), status: 400, example: 'MAXIMUM_CARDS_EXCEEDED' },
  { given: 'physical cards beyond the limit (1 card + 5 of 5)', request: add({ body: physical(1, 2, 3, 4, 5) }), status: 400, example: 'MAXIMUM_CARDS_EXCEEDED' },
  {
    given: 'digital cards up to the limit exactly (1 card + 4 of 5)',
    request: add({ body: { quantity: 4 } }),
    status: 200,
    then: (state, r) => {
      expect(r.body.successList).toHaveLength(4);
      expect(state.accounts.get('ACC-1001')!.cards.length).toBe(5);
    },
  },
  { given: 'digital cards disabled for the program', request: add({ session: SESSIONS.noDigital, body: DIGITAL }), status: 400, example: 'DIGITAL_CARDS_NOT_ENABLED' },
  {
    given: 'digital cards disabled, physical cards',
    request: add({ session: SESSIONS.noDigital, body: physical(FRESH) }),
    status: 200,
    body: { successList: [FRESH], errorList: [] },
  },
  { given: 'physical and digital in one request', request: add({ body: { ...PHYSICAL, quantity: 1 } }), status: 400, example: 'PHYSICAL_AND_DIGITAL' },
  {
    given: 'physical cards beside quantity 0 (no digital card asked for)',
    request: add({ body: { ...physical(FRESH), quantity: 0 } }),
    status: 200,
    body: { successList: [FRESH], errorList: [] },
  },
  {
    given: 'one loyalty ID already on another account',
    request: add({ body: physical(FRESH, TAKEN_CARD, FRESH_2) }),
    status: 200,
    body: { successList: [FRESH, FRESH_2], errorList: [{ cardNumber: TAKEN_CARD, errorMessage: CARD_ON_ANOTHER_ACCOUNT }] },
    then: (state) => {
      expect(state.cardOwners.get(TAKEN_CARD)).toBe('ACC-1002');
      expect(cardsOf(state, 'ACC-1001')).toEqual([OWN_CARD, FRESH, FRESH_2]);
    },
  },
  {
    given: 'a loyalty ID already on this account (answered as added, not counted again)',
    request: add({ body: physical(OWN_CARD, FRESH) }),
    status: 200,
    body: { successList: [OWN_CARD, FRESH], errorList: [] },
    then: (state) => expect(cardsOf(state, 'ACC-1001')).toEqual([OWN_CARD, FRESH]),
  },
  {
    given: 'a loyalty ID repeated in the request, as string and number (added once)',
    request: add({ body: physical(FRESH, Number(FRESH), FRESH) }),
    status: 200,
    body: { successList: [FRESH], errorList: [] },
    then: (state) => expect(cardsOf(state, 'ACC-1001')).toEqual([OWN_CARD, FRESH]),
  },
  {
    given: 'account Suspended (only Closed, Deceased and unregistered are refused)',
    request: add({ session: SESSIONS.suspended, body: physical(FRESH) }),
    status: 200,
    body: { successList: [FRESH], errorList: [] },
  },
  { given: 'account Cancelled', request: add({ session: SESSIONS.cancelled, body: DIGITAL }), status: 200 },
  { given: 'unknown correlation_id', request: add({ session: 'no-such-session' }), status: 400, example: 'SESSION_NOT_FOUND' },
  { given: 'no bearer token', request: { ...add(), headers: {} }, status: 401, example: 'UNAUTHORIZED' },
  { given: 'invalid bearer token', request: add({ headers: { authorization: 'Bearer nope' } }), status: 401, example: 'UNAUTHORIZED' },
  { given: 'Basic credentials', request: add({ headers: { authorization: 'Basic dXNlcjpwYXNz' } }), status: 401, example: 'UNAUTHORIZED' },
  { given: 'quantity not an integer', request: add({ body: { quantity: 'two' } }), status: 400, field: 'quantity' },
  { given: 'quantity negative', request: add({ body: { quantity: -1 } }), status: 400, field: 'quantity' },
  { given: 'loyaltyId neither string nor number', request: add({ body: { physicalCards: [{ loyaltyId: true }] } }), status: 400, field: 'physicalCards.0.loyaltyId' },
  { given: 'physical card without loyaltyId', request: add({ body: { physicalCards: [{ cardLabel: 'x' }] } }), status: 400, field: 'loyaltyId' },
  { given: 'body not JSON', request: add({ body: '{"quantity": ', headers: { 'content-type': 'application/json' } }), status: 400, field: 'body' },
  { given: 'no body', request: { ...add(), body: undefined }, status: 400, field: 'body' },
];

describe.each(TRANSPORTS)('Exchange Solutions add cards via %s', (name) => {
  const t = createTransport(name);
  beforeAll(() => t.start());
  afterAll(() => t.stop());
  const send = (session: string, request: SentRequest) => t.send(VENDOR, session, request);
  const state = (session: string) => t.engine.state<State>(session, VENDOR);

  const titled = ROWS.map((row) => [`${row.given} → ${row.status} ${row.example ?? row.field ?? ''}`.trim(), row] as const);
  it.each(titled)('%s', async (_title, { request, status, example: name, field, body, then }) => {
    const s = freshSession();
    const r = await send(s, request);
    expect(r.status).toBe(status);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    if (name) expect(r.body).toEqual(example(status, name));
    if (field) {
      expect(r.body.errorCode).toBe(example(400, 'INVALID_REQUEST').errorCode);
      expect(r.body.errorMessage).toContain(field);
    }
    if (body) expect(r.body).toEqual(body);
    then?.(state(s), r);
    // A rejected request adds no card.
    if (status !== 200) expect(state(s).cardOwners.size).toBe(DEFAULT_CARDS);
  });

  it('cards added up to the limit, then one more → 400 MAXIMUM_CARDS_EXCEEDED', async () => {
    const s = freshSession();
    expect((await send(s, add({ body: { quantity: 2 } }))).status).toBe(200);
    expect((await send(s, add({ body: physical(FRESH, FRESH_2) }))).status).toBe(200);
    const over = await send(s, add({ body: { quantity: 1 } }));
    expect([over.status, over.body]).toEqual([400, example(400, 'MAXIMUM_CARDS_EXCEEDED')]);
    expect(state(s).accounts.get('ACC-1001')!.cards.length).toBe(5);
  });

  it('a card added to one account is in errorList when added to another', async () => {
    const s = freshSession();
    expect((await send(s, add({ body: physical(FRESH) }))).body.successList).toEqual([FRESH]);
    const other = await send(s, add({ session: SESSIONS.other, body: physical(FRESH) }));
    expect(other.status).toBe(200);
    expect(other.body).toEqual({ successList: [], errorList: [{ cardNumber: FRESH, errorMessage: CARD_ON_ANOTHER_ACCOUNT }] });
  });

  it('the PARTLY_ADDED request example, to its session → exactly the PARTLY_ADDED response example', async () => {
    const session = exchangeSolutionsResponses.operation(ADD_CARDS).parameters.find((p) => p.name === 'correlation_id')!.examples!.PARTLY_ADDED as { value: string };
    const r = await send(freshSession(), add({ session: session.value, body: requestExample('PARTLY_ADDED') }));
    expect([r.status, r.body]).toEqual([200, example(200, 'PARTLY_ADDED')]);
  });

  it('digital card numbers are unique, and the same in two sessions with the same history', async () => {
    const [a, b] = [freshSession('a'), freshSession('b')];
    const first = await send(a, add({ body: { quantity: 2 } }));
    const second = await send(a, add({ session: SESSIONS.other, body: { quantity: 3 } }));
    const all = [...first.body.successList, ...second.body.successList];
    expect(new Set(all).size).toBe(5);
    expect((await send(b, add({ body: { quantity: 2 } }))).body.successList).toEqual(first.body.successList);
  });

  it('fixtures added through the control API are usable; two sessions never see each other; reset restores defaults', async () => {
    const [a, b] = [freshSession('a'), freshSession('b')];
    const correlationId = '9b2f6c1e-2f1e-4a53-8a7e-222222222222';
    const token = 'another-es-token';
    const added = await t.control(a, 'POST', '/__cardmock/exchange-solutions/fixtures', {
      accounts: [{ accountId: 'ACC-9', maxCards: 1 }],
      sessions: [{ correlationId, accountId: 'ACC-9' }],
      tokens: [token],
    });
    expect(added.status).toBe(200);
    const request = add({ session: correlationId, body: physical(FRESH), headers: { authorization: `Bearer ${token}` } });
    expect((await send(a, request)).status).toBe(200);
    expect((await send(a, add({ session: correlationId, body: physical(FRESH_2) }))).body).toEqual(example(400, 'MAXIMUM_CARDS_EXCEEDED'));
    expect((await send(b, request)).body).toEqual(example(401, 'UNAUTHORIZED'));
    expect((await send(b, add({ session: correlationId }))).body).toEqual(example(400, 'SESSION_NOT_FOUND'));
    expect((await t.control(a, 'POST', '/__cardmock/reset')).status).toBe(200);
    expect((await send(a, add({ session: correlationId }))).body).toEqual(example(400, 'SESSION_NOT_FOUND'));
  });

  it.each([
    ['an existing account', { accounts: [{ accountId: 'ACC-1001' }] }],
    ['a card already on an account', { accounts: [{ accountId: 'ACC-Y', cards: [TAKEN_CARD] }] }],
    ['a session of an unknown account', { sessions: [{ correlationId: 'c-1', accountId: 'ACC-NONE' }] }],
    ['more cards than maxCards', { accounts: [{ accountId: 'ACC-Z', maxCards: 1, cards: ['1', '2'] }] }],
  ])('fixtures with %s → 409, nothing added', async (_given, fixtures) => {
    const s = freshSession();
    const before = JSON.stringify(exchangeSolutions.snapshot(state(s)));
    expect((await t.control(s, 'POST', '/__cardmock/exchange-solutions/fixtures', fixtures)).status).toBe(409);
    expect(JSON.stringify(exchangeSolutions.snapshot(state(s)))).toBe(before);
  });

  it('fault 400 by header → the first documented 400 example', async () => {
    const r = await send(freshSession(), add({ headers: { 'x-cardmock-fault': '400' } }));
    expect([r.status, r.body]).toEqual([400, example(400)]);
  });
});

describe('Exchange Solutions add cards: concurrency over HTTP', () => {
  const t = createTransport('http');
  beforeAll(() => t.start());
  afterAll(() => t.stop());
  const send = (session: string, request: SentRequest) => t.send(VENDOR, session, request);

  it('50 parallel `quantity: 1` on an account with room for 4 → exactly 4 × 200, 46 × MAXIMUM_CARDS_EXCEEDED', async () => {
    const s = freshSession('race');
    const responses = await Promise.all(Array.from({ length: 50 }, () => send(s, add({ body: { quantity: 1 } }))));
    const won = responses.filter((r) => r.status === 200);
    expect(won).toHaveLength(4);
    expect(responses.filter((r) => r.status === 400).map((r) => r.body)).toEqual(Array(46).fill(example(400, 'MAXIMUM_CARDS_EXCEEDED')));
    const account = t.engine.state<State>(s, VENDOR).accounts.get('ACC-1001')!;
    expect(account.cards.map((c) => c.cardNumber)).toEqual([OWN_CARD, ...won.map((r) => r.body.successList[0])]);
  });

  it('50 parallel adds of one new loyalty ID to two accounts → it lands on one; every request to the other lists it in errorList', async () => {
    const s = freshSession('race');
    const sessions = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? SESSIONS.active : SESSIONS.other));
    const responses = await Promise.all(sessions.map((session) => send(s, add({ session, body: physical(FRESH) }))));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const state = t.engine.state<State>(s, VENDOR);
    const owner = state.cardOwners.get(FRESH)!;
    const winner = owner === 'ACC-1001' ? SESSIONS.active : SESSIONS.other;
    const holders = [...state.accounts.values()].filter((a) => a.cards.some((c) => c.cardNumber === FRESH));
    expect(holders.map((a) => a.accountId)).toEqual([owner]);
    responses.forEach((r, i) => {
      if (sessions[i] === winner) expect(r.body).toEqual({ successList: [FRESH], errorList: [] });
      else expect(r.body).toEqual({ successList: [], errorList: [{ cardNumber: FRESH, errorMessage: CARD_ON_ANOTHER_ACCOUNT }] });
    });
  });
});
