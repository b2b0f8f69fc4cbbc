/**
 * Named states of Paysafe a front end wants to see (mocks/core/presets.ts), each added to the
 * default fixtures of a session by `POST /__cardmock/presets/{preset}`.
 */
import type { Preset } from '../../core/presets.ts';
import { ASSIGN } from './answers.ts';
import type { PaysafeFixtures } from './state.ts';

/** A customer of its own, so that no default fixture (nor the spec's examples) changes. */
export const ONLY_CARD = { customerId: '1234500001', cardId: '5b0c6d1e-7f80-4a91-b2c3-d4e5f6a7b801', assignedTo: '1233333323' };

export const paysafePresets: Preset<PaysafeFixtures>[] = [
  {
    id: 'paysafe.only-card-assigned',
    title: 'A customer whose only card is assigned',
    description: `Customer ${ONLY_CARD.customerId} has one bulk card, ${ONLY_CARD.cardId}, assigned to customer ${ONLY_CARD.assignedTo} already: assigning it again is refused.`,
    fixtures: { customers: [{ customerId: ONLY_CARD.customerId }], cards: [{ ...ONLY_CARD }] },
  },
  {
    id: 'paysafe.assign-unavailable',
    title: 'Assignments unavailable',
    description: 'Every card assignment answers 503, as while Paysafe is down: what does the page say, and does it retry?',
    faults: [{ operationId: ASSIGN, status: 503 }],
  },
];
