/**
 * Default Paysafe data of every new session (listed in docs/mocks.md, "Paysafe").
 */
import type { PaysafeFixtures } from './state.ts';

export const PAYSAFE_TOKEN = 'paysafe-sandbox-token';

export const paysafeFixtures: PaysafeFixtures = {
  customers: [{ customerId: '1231122232' }, { customerId: '1233333323' }, { customerId: '1230000001' }],
  cards: [
    { cardId: 'f16ba382-eb42-481a-b08f-c57bdc9aae24', customerId: '1231122232' },
    { cardId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', customerId: '1231122232' },
    { cardId: '9c1d8a52-2f4e-4c7b-a1d6-0e5b7f3c2a10', customerId: '1231122232', assignedTo: '1230000001' },
  ],
  tokens: [PAYSAFE_TOKEN],
};

/** The default fixtures by role, for the docs' examples and the conformance suite. */
export const paysafeSamples = {
  authorization: `Bearer ${PAYSAFE_TOKEN}`,
  fixtures: {
    customerId: '1231122232',
    targetCustomerId: '1233333323',
    unassignedCardId: 'f16ba382-eb42-481a-b08f-c57bdc9aae24',
    assignedCardId: '9c1d8a52-2f4e-4c7b-a1d6-0e5b7f3c2a10',
  },
  requests: {
    assignBulkCard: {
      path: { customerId: '1231122232', cardId: 'f16ba382-eb42-481a-b08f-c57bdc9aae24' },
      body: { targetCustomerId: '1233333323' },
    },
  },
  scale: {
    /** Bulk cards of customer 1231122232 with UUIDs built from i. */
    fixtures: (count: number, offset = 0): PaysafeFixtures => ({
      cards: Array.from({ length: count }, (_, i) => ({ cardId: scaleCardId(offset + i), customerId: '1231122232' })),
    }),
    call: (_operationId: string, i: number) => ({
      path: { customerId: '1231122232', cardId: scaleCardId(i) },
      body: { targetCustomerId: '1233333323' },
    }),
  },
};

function scaleCardId(i: number): string {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}
