/**
 * Default Capillary data of every new session (listed in docs/mocks.md, "Capillary"): the page's example
 * series 224, the vendor-facts worked-example till `store.server` / `server123` (READ and WRITE), and
 * a read-only till.
 */
import type { CapillaryFixtures } from './state.ts';
import { md5Hex } from './md5.ts';

const basic = (username: string, password: string) => `Basic ${btoa(`${username}:${md5Hex(password)}`)}`;

export const capillaryFixtures: CapillaryFixtures = {
  series: [
    { seriesId: 224, code: 'GHOST', name: 'Ghost cards' },
    { seriesId: 225, code: 'GIFT', name: 'Gift cards' },
    { seriesId: 226, code: 'OLD', name: 'Expired series', expired: true },
  ],
  customers: [{ customerId: 5001 }],
  cards: [{ cardNumber: 'ghost0000800001000001', seriesId: 224, cardExternalId: 'CardExternal0001', statusLabel: 'ACTIVE' }],
  tills: [
    { username: 'store.server', password: 'server123', access: ['READ', 'WRITE'] },
    { username: 'store.viewer', password: 'viewer123', access: ['READ'] },
  ],
};

const SEED_SERIES = 224;

/** The default fixtures by role, for the docs' examples, the conformance suite and benchmarks. */
export const capillarySamples = {
  authorization: basic('store.server', 'server123'),
  fixtures: {
    seriesId: 224,
    seriesCode: 'GIFT',
    expiredSeriesId: 226,
    existingCardNumber: 'ghost0000800001000001',
    existingCardExternalId: 'CardExternal0001',
    readOnlyAuthorization: basic('store.viewer', 'viewer123'),
    /** A till with WRITE access and its password in clear (the clear-password scenario sends it as it is). */
    tillUsername: 'store.server',
    tillPassword: 'server123',
  },
  requests: {
    addCardToSeries: {
      path: {},
      body: { seriesId: 224, cardNumber: 'ghost0000800001180930', cardExternalId: 'CardExternal6993', statusLabel: 'NOT_ISSUED', statusInfo: { reason: 'Card is generated but not issued' } },
    },
  },
  scale: {
    /** Existing cards `seed-<i>` in series 224. */
    fixtures: (count: number, offset = 0): CapillaryFixtures => ({
      cards: Array.from({ length: count }, (_, i) => ({ cardNumber: `seed-${offset + i}`, seriesId: SEED_SERIES })),
    }),
    call: (_operationId: string, i: number) => ({ path: {}, body: { seriesId: SEED_SERIES, cardNumber: `fresh-${i}`, statusLabel: 'NOT_ISSUED' } }),
  },
};
