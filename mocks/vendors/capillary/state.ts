/**
 * Capillary's domain model for adding card numbers: card series (by ID and by code), cards indexed
 * by number and by external ID, customers, and till users with their access rights.
 * @see https://docs.capillarytech.com/
 */
import type { components } from '../../../generated/capillary.ts';
import { md5Hex } from './md5.ts';

export type CapillaryFixtures = components['schemas']['CardmockFixtures'];
export type StatusLabel = components['schemas']['StatusLabel'];
type Fixture<K extends keyof CapillaryFixtures> = NonNullable<CapillaryFixtures[K]>[number];

/** A series as the fixtures describe it, `expired` settled. */
export type CardSeries = Fixture<'series'> & { expired: boolean };

/** A card as the fixtures describe it, with the ID Capillary gives it and its settled status. */
export type CapillaryCard = Omit<Fixture<'cards'>, 'statusLabel'> & { id: number; statusLabel: string; statusReason?: string };

export interface Till {
  username: string;
  /** md5hex of the till's password: what clients send in Basic auth. */
  passwordMd5: string;
  canWrite: boolean;
}

export interface CapillaryState {
  series: Map<number, CardSeries>;
  seriesByCode: Map<string, CardSeries>;
  cards: Map<string, CapillaryCard>;
  cardsByExternalId: Map<string, CapillaryCard>;
  customers: Set<number>;
  tills: Map<string, Till>;
  nextCardId: number;
}

export function emptyState(): CapillaryState {
  return { series: new Map(), seriesByCode: new Map(), cards: new Map(), cardsByExternalId: new Map(), customers: new Set(), tills: new Map(), nextCardId: 966091 };
}

export function addCard(state: CapillaryState, card: Omit<CapillaryCard, 'id'>): CapillaryCard {
  const stored = { id: state.nextCardId++, ...card };
  state.cards.set(stored.cardNumber, stored);
  if (stored.cardExternalId !== undefined) state.cardsByExternalId.set(stored.cardExternalId, stored);
  return stored;
}

export function addFixtures(state: CapillaryState, fixtures: CapillaryFixtures): string | undefined {
  const seriesIds = new Set([...state.series.keys(), ...(fixtures.series ?? []).map((s) => s.seriesId)]);
  for (const s of fixtures.series ?? []) if (state.series.has(s.seriesId) || state.seriesByCode.has(s.code)) return `series ${s.seriesId} (${s.code}) already exists`;
  const numbers = new Set<string>();
  for (const c of fixtures.cards ?? []) {
    if (state.cards.has(c.cardNumber) || numbers.has(c.cardNumber)) return `card number ${c.cardNumber} already exists`;
    if (c.cardExternalId !== undefined && state.cardsByExternalId.has(c.cardExternalId)) return `card external id ${c.cardExternalId} already exists`;
    if (!seriesIds.has(c.seriesId)) return `card ${c.cardNumber} names unknown series ${c.seriesId}`;
    numbers.add(c.cardNumber);
  }
  for (const s of fixtures.series ?? []) {
    const series: CardSeries = { seriesId: s.seriesId, code: s.code, expired: s.expired ?? false, ...(s.name ? { name: s.name } : {}) };
    state.series.set(series.seriesId, series);
    state.seriesByCode.set(series.code, series);
  }
  for (const c of fixtures.customers ?? []) state.customers.add(c.customerId);
  for (const t of fixtures.tills ?? []) {
    state.tills.set(t.username, { username: t.username, passwordMd5: md5Hex(t.password), canWrite: (t.access ?? ['READ', 'WRITE']).includes('WRITE') });
  }
  for (const c of fixtures.cards ?? []) {
    addCard(state, {
      cardNumber: c.cardNumber,
      seriesId: c.seriesId,
      statusLabel: c.statusLabel ?? 'NOT_ISSUED',
      ...(c.cardExternalId !== undefined ? { cardExternalId: c.cardExternalId } : {}),
      ...(c.customerId !== undefined ? { customerId: c.customerId } : {}),
    });
  }
  return undefined;
}

export function snapshot(state: CapillaryState) {
  return {
    series: [...state.series.values()],
    cards: [...state.cards.values()],
    customers: [...state.customers].map((customerId) => ({ customerId })),
    tills: [...state.tills.values()].map(({ username, canWrite }) => ({ username, access: canWrite ? 'READ, WRITE' : 'READ' })),
  };
}
