/**
 * Pismo's domain model for noname cards: accounts with their customers, and cards moving through
 * the documented lifecycle UNBOUND → (bind) → CREATED → NORMAL; a reissued card becomes REISSUED.
 * @see https://developers.pismo.io/pismo-docs/docs/card-lifecycle-and-statuses
 */
import type { components } from '../../../generated/pismo.ts';

export type PismoFixtures = components['schemas']['CardmockFixtures'];
export type CardStatus = components['schemas']['CardStatus'];

/** A card as the fixtures describe it, its defaults settled, with what the lifecycle adds. */
export type PismoCard = Omit<NonNullable<PismoFixtures['cards']>[number], 'status' | 'programId' | 'printedName'> & {
  status: CardStatus;
  programId: number;
  printedName: string;
  expirationDate: string;
  issuingDate?: string;
  /** A bind was accepted (202) and has not completed yet. */
  bindPending?: boolean;
};

export interface PismoState {
  orgId: string;
  accounts: Map<number, Set<number>>;
  cards: Map<number, PismoCard>;
}

export function emptyState(): PismoState {
  return { orgId: 'TN-cardmock', accounts: new Map(), cards: new Map() };
}

export function addFixtures(state: PismoState, fixtures: PismoFixtures): string | undefined {
  for (const c of fixtures.cards ?? []) if (state.cards.has(c.cardId)) return `card ${c.cardId} already exists`;
  for (const a of fixtures.accounts ?? []) {
    const customers = state.accounts.get(a.accountId) ?? new Set<number>();
    for (const id of a.customerIds ?? []) customers.add(id);
    state.accounts.set(a.accountId, customers);
  }
  for (const c of fixtures.cards ?? []) {
    state.cards.set(c.cardId, {
      cardId: c.cardId,
      status: (c.status ?? 'UNBOUND') as CardStatus,
      programId: c.programId ?? 1001,
      printedName: c.printedName ?? 'NONAME',
      expirationDate: '2031-12',
      ...(c.accountId !== undefined ? { accountId: c.accountId } : {}),
      ...(c.customerId !== undefined ? { customerId: c.customerId } : {}),
      ...(c.bulkId !== undefined ? { bulkId: c.bulkId } : {}),
      ...(c.externalId !== undefined ? { externalId: c.externalId } : {}),
    });
  }
  return undefined;
}

export function snapshot(state: PismoState) {
  return {
    accounts: [...state.accounts].map(([accountId, customers]) => ({ accountId, customerIds: [...customers] })),
    cards: [...state.cards.values()],
  };
}
