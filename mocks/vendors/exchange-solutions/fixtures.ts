/**
 * Default Exchange Solutions data of every new session (listed in this folder's README): one
 * account per rule of Add Card(s) to Account, each with a Start Session correlation ID.
 */
import type { ExchangeSolutionsFixtures } from './state.ts';

export const EXCHANGE_SOLUTIONS_TOKEN = 'exchange-solutions-sandbox-token';

/** Correlation IDs by role; the active one is the spec's own example. */
export const SESSIONS = {
  active: '6f1c2b2e-4d7a-4f0e-9a43-7c1f2d9e8b01',
  other: '0e5c0000-0000-4000-8000-000000001002',
  closed: '0e5c0000-0000-4000-8000-000000001003',
  deceased: '0e5c0000-0000-4000-8000-000000001004',
  unregistered: '0e5c0000-0000-4000-8000-000000001005',
  full: '0e5c0000-0000-4000-8000-000000001006',
  noDigital: '0e5c0000-0000-4000-8000-000000001007',
  suspended: '0e5c0000-0000-4000-8000-000000001008',
  cancelled: '0e5c0000-0000-4000-8000-000000001009',
  /** The spec's PARTLY_ADDED example adds its card here, so no other example's account changes. */
  partly: '0e5c0000-0000-4000-8000-000000001010',
} as const;

/** A card of ACC-1001 (the active account) and one of ACC-1002 (another account). */
export const OWN_CARD = '6012000000001001';
export const TAKEN_CARD = '6012000000002001';

type Account = NonNullable<ExchangeSolutionsFixtures['accounts']>[number];
const account = (n: number, extra: Partial<Account> = {}): Account => ({
  accountId: `ACC-${n}`,
  status: 'Active',
  maxCards: 5,
  digitalCardsEnabled: true,
  ...extra,
});

export const exchangeSolutionsFixtures: ExchangeSolutionsFixtures = {
  accounts: [
    account(1001, { cards: [OWN_CARD] }),
    account(1002, { cards: [TAKEN_CARD] }),
    account(1003, { status: 'Closed' }),
    account(1004, { status: 'Deceased' }),
    account(1005, { status: 'Unregistered' }),
    account(1006, { maxCards: 2, cards: ['6012000000006001', '6012000000006002'] }),
    account(1007, { digitalCardsEnabled: false }),
    account(1008, { status: 'Suspended' }),
    account(1009, { status: 'Cancelled' }),
    account(1010),
  ],
  sessions: Object.values(SESSIONS).map((correlationId, i) => ({ correlationId, accountId: `ACC-${1001 + i}` })),
  tokens: [EXCHANGE_SOLUTIONS_TOKEN],
};

/** The default fixtures by role, for the docs' examples and the conformance suite. */
export const exchangeSolutionsSamples = {
  authorization: `Bearer ${EXCHANGE_SOLUTIONS_TOKEN}`,
  fixtures: {
    activeSessionId: SESSIONS.active,
    closedSessionId: SESSIONS.closed,
    deceasedSessionId: SESSIONS.deceased,
    unregisteredSessionId: SESSIONS.unregistered,
    fullSessionId: SESSIONS.full,
    noDigitalSessionId: SESSIONS.noDigital,
    suspendedSessionId: SESSIONS.suspended,
    cancelledSessionId: SESSIONS.cancelled,
    takenLoyaltyId: TAKEN_CARD,
    /** ACC-1001 holds 1 card of 5. */
    activeCardRoom: 4,
  },
  requests: {
    addCardsToAccount: {
      path: { correlation_id: SESSIONS.active },
      body: { physicalCards: [{ loyaltyId: '6012000000000001', cardLabel: 'Kitchen drawer' }] },
    },
  },
  scale: {
    /**
     * Accounts SCALE-i with their sessions, left to the defaults (Active, 5 cards, digital enabled):
     * short enough that 10 000 of them fit the 1 MB body limit of the fixtures endpoint.
     */
    fixtures: (count: number, offset = 0) => {
      const indexes = Array.from({ length: count }, (_, i) => offset + i);
      return {
        accounts: indexes.map((i) => ({ accountId: `SCALE-${i}` })),
        sessions: indexes.map((i) => ({ correlationId: scaleSessionId(i), accountId: `SCALE-${i}` })),
      };
    },
    /** A physical card of its own on account SCALE-i (a repeat is answered as added: see the operation). */
    call: (_operationId: string, i: number) => ({
      path: { correlation_id: scaleSessionId(i) },
      body: { physicalCards: [{ loyaltyId: `7${String(i).padStart(15, '0')}` }] },
    }),
  },
};

const scaleSessionId = (i: number) => `scale-${i}`;
