/**
 * Default Pismo data of every new session (listed in docs/mocks.md, "Pismo"): two accounts, a bulk of
 * UNBOUND noname cards, bound cards to reissue, and a blocked card. The spec's paired examples
 * each use cards of their own among these (specs/README.md, "Paired examples").
 */
import { pismoAccountToken } from './account-token.ts';
import type { PismoFixtures } from './state.ts';

/** Account token for account 1001 that expires in 2100. */
export const PISMO_TOKEN = pismoAccountToken(1001);

export const pismoFixtures: PismoFixtures = {
  accounts: [
    { accountId: 1001, customerIds: [2001, 2002] },
    { accountId: 1002, customerIds: [2003] },
  ],
  cards: [
    ...[7001, 7002, 7003, 7004, 7005].map((cardId, i) => ({
      cardId,
      status: 'UNBOUND',
      programId: 1001,
      bulkId: 501,
      externalId: `noname-${i + 1}`,
    })),
    { cardId: 7100, status: 'NORMAL', accountId: 1001, customerId: 2001, programId: 1001, printedName: 'ANA SOUZA' },
    // The card the spec's REISSUE example replaces, so that no other example's card changes.
    { cardId: 7101, status: 'NORMAL', accountId: 1001, customerId: 2001, programId: 1001, printedName: 'ANA SOUZA' },
    { cardId: 7200, status: 'NORMAL', accountId: 1002, customerId: 2003, programId: 1001, printedName: 'RUI COSTA' },
    { cardId: 7300, status: 'BLOCKED', programId: 1001, bulkId: 501, externalId: 'noname-blocked' },
  ],
};

/** The default fixtures by role, for the docs' examples and the conformance suite. */
export const pismoSamples = {
  authorization: `Bearer ${PISMO_TOKEN}`,
  fixtures: {
    accountId: 1001,
    customerId: 2001,
    otherAccountId: 1002,
    otherAccountCustomerId: 2003,
    unboundCardId: 7001,
    boundCardId: 7100,
    reissuableCardId: 7100,
    otherAccountCardId: 7200,
    /** An account token of account 1001 that expired in 2001. */
    expiredAuthorization: `Bearer ${pismoAccountToken(1001, 1_000_000_000)}`,
  },
  requests: {
    'post-v2-card-bind': { path: { cardId: 7001 }, headers: { 'x-account-id': '1001', 'x-customer-id': '2001' } },
  },
  scale: {
    /** UNBOUND noname cards 1 000 000 + i. */
    fixtures: (count: number, offset = 0): PismoFixtures => ({
      cards: Array.from({ length: count }, (_, i) => ({ cardId: SCALE_BASE + offset + i, status: 'UNBOUND', programId: 1001, bulkId: 900 })),
    }),
    call: (_operationId: string, i: number) => ({
      path: { cardId: SCALE_BASE + i },
      headers: { 'x-account-id': '1001', 'x-customer-id': '2001' },
    }),
  },
};

const SCALE_BASE = 1_000_000;
