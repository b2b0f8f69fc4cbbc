/**
 * Paysafe's domain model for bulk-card assignment: customers, bulk prepaid cards (owned by the
 * customer that ordered them) and the bearer tokens the mock accepts.
 * @see https://developer.paysafe.com/ (Embedded Wallets, Business API 2.0.0)
 */
import type { components } from '../../../generated/paysafe.ts';

export type PaysafeFixtures = components['schemas']['CardmockFixtures'];

export interface PaysafeCard {
  cardId: string;
  /** The customer that ordered the bulk. */
  customerId: string;
  /** Set once; a card cannot be re-assigned. */
  assignedTo?: string;
}

export interface PaysafeState {
  customers: Set<string>;
  cards: Map<string, PaysafeCard>;
  tokens: Set<string>;
}

export function emptyState(): PaysafeState {
  return { customers: new Set(), cards: new Map(), tokens: new Set() };
}

export function addFixtures(state: PaysafeState, fixtures: PaysafeFixtures): string | undefined {
  for (const c of fixtures.cards ?? []) {
    if (state.cards.has(c.cardId)) return `card ${c.cardId} already exists`;
  }
  for (const c of fixtures.customers ?? []) state.customers.add(c.customerId);
  for (const c of fixtures.cards ?? []) {
    state.customers.add(c.customerId);
    state.cards.set(c.cardId, { ...c });
  }
  for (const t of fixtures.tokens ?? []) state.tokens.add(t);
  return undefined;
}

export function snapshot(state: PaysafeState) {
  return {
    customers: [...state.customers].map((customerId) => ({ customerId })),
    cards: [...state.cards.values()].map((c) => ({ ...c, status: c.assignedTo ? 'ASSIGNED' : 'UNASSIGNED' })),
  };
}
