/**
 * Enfuce's domain model for multi-application cards: customers (created first, outside this API),
 * the cards created on them with their applications, and the idempotency records of successful
 * creates. Every lookup is by Map key: benchmarks seed 100 000 customers per session.
 * @see https://docs.enfuce.com/ (card API, `MULTI_APPLICATION_CARD`)
 */
import type { components } from '../../../generated/enfuce.ts';
import { emptyIdempotencyStore, type IdempotencyStore } from './idempotency-store.ts';

export type EnfuceFixtures = components['schemas']['CardmockFixtures'];
type Schemas = components['schemas'];
export type CardRequest = Schemas['MultiApplicationCardRequest'];
export type CreatedCard = Schemas['CreatedMultiApplicationCard'];
export type PinStatus = NonNullable<CardRequest['pinStatus']>;

export interface EnfuceCustomer {
  customerId: string;
  /** Main IDs of the customer's cards, in creation order. */
  cardIds: string[];
}

export type StoredApplication = Schemas['AdditionalApplication'] & { id: string };

export interface EnfuceCard {
  mainId: string;
  customerId: string;
  auditUser: string;
  /** ISO 8601, on the mock clock. */
  createdAt: string;
  /** `D` unless sent: the system then generates a PIN at the next embossing (seed 002). */
  pinStatus: PinStatus;
  mainApplication: StoredApplication;
  applications: StoredApplication[];
  segment?: CardRequest['segment'];
  embossing?: CardRequest['embossing'];
  expiration?: CardRequest['expiration'];
  cardAddress?: CardRequest['cardAddress'];
  pinAddress?: CardRequest['pinAddress'];
}

export interface EnfuceState {
  customers: Map<string, EnfuceCustomer>;
  cards: Map<string, EnfuceCard>;
  idempotency: IdempotencyStore<CreatedCard>;
  /** The next resource ID; main and application IDs share one sequence, as in the spec's example. */
  nextId: number;
}

export function emptyState(firstId: number): EnfuceState {
  return { customers: new Map(), cards: new Map(), idempotency: emptyIdempotencyStore(), nextId: firstId };
}

/** Adding a customer that exists already is a no-op, so fixtures can be replayed. */
export function addFixtures(state: EnfuceState, fixtures: EnfuceFixtures): string | undefined {
  for (const { customerId } of fixtures.customers ?? []) {
    if (!state.customers.has(customerId)) state.customers.set(customerId, { customerId, cardIds: [] });
  }
  return undefined;
}

export function takeId(state: EnfuceState): string {
  return String(state.nextId++);
}

export function snapshot(state: EnfuceState) {
  return {
    customers: [...state.customers.values()].map((c) => ({ customerId: c.customerId, cardIds: [...c.cardIds] })),
    cards: [...state.cards.values()],
    // Entities by kind, each an array (control spec): the stored keys, with the card they replay.
    idempotencyKeys: [...state.idempotency.records].map(([key, r]) => ({ key, mainId: r.body.mainId, expiresAt: new Date(r.expiresAt).toISOString() })),
  };
}
