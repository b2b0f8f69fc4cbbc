/**
 * Default Enfuce data of every new session (mocks/vendors/enfuce/README.md): two customers. Enfuce
 * accepts Bearer (its API reference's sample request) and HTTP Basic (its API introduction); the mock takes
 * any well-formed credentials of either kind, so these are only what the samples send.
 */
import type { SampleCall } from '../../core/vendor.ts';
import { CREATE, enfuceResponses, requestExample } from './answers.ts';
import type { CardRequest, CreatedCard, EnfuceFixtures } from './state.ts';

export const ENFUCE_TOKEN = 'enfuce-sandbox-token';
export const ENFUCE_BASIC = `Basic ${btoa('cardmock:cardmock')}`;

/** The spec's example customer (`customerId` parameter example) and a second one without cards. */
export const CUSTOMER_ID = '100001';
export const OTHER_CUSTOMER_ID = '100002';
export const AUDIT_USER = 'cardmock-demo';
export const SAMPLE_IDEMPOTENCY_KEY = 'cardmock-sample-1';

export const enfuceFixtures: EnfuceFixtures = {
  customers: [{ customerId: CUSTOMER_ID }, { customerId: OTHER_CUSTOMER_ID }],
};

/** A session's first card gets the spec's CREATED example's `mainId`, so the example is what a fresh session answers. */
export const FIRST_ID = Number((enfuceResponses.example(CREATE, 201, 'CREATED').body as CreatedCard).mainId);

/** The spec's TWO_APPLICATIONS request example. */
export const sampleBody = (): CardRequest => requestExample<CardRequest>('TWO_APPLICATIONS');

const SCALE_BASE = 10_000_000;
const scaleCustomerId = (i: number) => String(SCALE_BASE + i);

const create = (customerId: string, idempotencyKey: string): SampleCall => ({
  path: { customerId },
  query: { auditUser: AUDIT_USER },
  headers: { 'x-idempotency-key': idempotencyKey },
  body: sampleBody(),
});

/** The default fixtures by role, for the docs and the conformance suite. */
export const enfuceSamples = {
  authorization: `Bearer ${ENFUCE_TOKEN}`,
  fixtures: {
    customerId: CUSTOMER_ID,
    // Accounts are not modelled (the page names no rule about them); these are the spec example's.
    mainAccountId: '200001',
    applicationAccountId: '200002',
    auditUser: AUDIT_USER,
  },
  // Sent with an idempotency key, the sample repeated is replayed: the same card, not a new one.
  requests: { [CREATE]: create(CUSTOMER_ID, SAMPLE_IDEMPOTENCY_KEY) },
  scale: {
    /** Customers 10 000 000 + i, without cards. */
    fixtures: (count: number, offset = 0): EnfuceFixtures => ({
      customers: Array.from({ length: count }, (_, i) => ({ customerId: scaleCustomerId(offset + i) })),
    }),
    /** A card for customer i, keyed by i: the first call creates it, later ones within 24 h replay it. */
    call: (_operationId: string, i: number) => create(scaleCustomerId(i), `cardmock-scale-${i}`),
  },
};
