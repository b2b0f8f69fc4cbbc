/**
 * Capillary `addCardToSeries` scenarios, one or more per documented status (seed 003).
 * Fixtures: seriesId (an existing, unexpired series), seriesCode (the code of one),
 * existingCardNumber and existingCardExternalId (a card already in the system),
 * readOnlyAuthorization (Basic credentials of a till without WRITE access), expiredSeriesId.
 */
import { unknownId, type CaseFile, type Fixtures, type RequestSpec, type Scenario } from '../../lib/scenario.ts';

const vendor = 'capillary';
const operationId = 'addCardToSeries';
const common = { vendor, operationId } as const;

const add = (f: Fixtures, body: Record<string, unknown> = {}, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  path: {},
  body: { seriesId: f.seriesId, cardNumber: unknownId('card'), statusLabel: 'NOT_ISSUED', ...body },
  ...extra,
});

const scenarios: Scenario[] = [
  { ...common, id: 'capillary.add.200-by-series-id', rule: 'a new card number is added to an existing series named by seriesId', title: 'add a new card number to a series by seriesId → 200', status: 200, needs: ['seriesId'], mutates: true, request: (f) => add(f) },
  {
    ...common,
    id: 'capillary.add.200-by-series-code',
    rule: 'seriesCode can be used instead of seriesId',
    title: 'add a new card number by seriesCode (no seriesId) → 200',
    status: 200,
    needs: ['seriesCode'],
    mutates: true,
    request: (f) => ({ path: {}, body: { seriesCode: f.seriesCode, cardNumber: unknownId('card'), statusLabel: 'ACTIVE' } }),
  },
  {
    ...common,
    id: 'capillary.add.409-add-twice',
    rule: 'a card number added a moment ago exists, so adding it again conflicts',
    proves: 'state-change',
    title: 'add a card number, then the same number again → 409 CARD_NUMBER_EXISTS',
    status: 409,
    example: 'CARD_NUMBER_EXISTS',
    needs: ['seriesId'],
    mutates: true,
    setup: (f) => [add(f, { cardNumber: `twice-${f.seriesId}-${RUN}` })],
    request: (f) => add(f, { cardNumber: `twice-${f.seriesId}-${RUN}` }),
  },
  { ...common, id: 'capillary.add.409-card-number-exists', rule: 'cardNumber must not already exist in the system', title: 'a card number already in the system → 409 CARD_NUMBER_EXISTS', status: 409, example: 'CARD_NUMBER_EXISTS', needs: ['seriesId', 'existingCardNumber'], request: (f) => add(f, { cardNumber: f.existingCardNumber }) },
  { ...common, id: 'capillary.add.409-external-id-exists', rule: 'cardExternalId must be unique (with a new card number)', title: 'a cardExternalId already in the system → 409', status: 409, needs: ['seriesId', 'existingCardExternalId'], request: (f) => add(f, { cardExternalId: f.existingCardExternalId }) },
  { ...common, id: 'capillary.add.404-series-unknown', rule: 'seriesId must name an existing series', title: 'unknown seriesId → 404 SERIES_NOT_FOUND', status: 404, example: 'SERIES_NOT_FOUND', needs: ['seriesId'], request: (f) => add(f, { seriesId: 2_000_000_000 }) },
  { ...common, id: 'capillary.add.404-series-code-unknown', rule: 'seriesCode must name an existing series', title: 'unknown seriesCode → 404 SERIES_NOT_FOUND', status: 404, example: 'SERIES_NOT_FOUND', request: () => ({ path: {}, body: { seriesCode: unknownId('series'), cardNumber: unknownId('card'), statusLabel: 'NOT_ISSUED' } }) },
  { ...common, id: 'capillary.add.400-expired-series', rule: 'a card cannot be added to an expired series', title: 'a series that has expired → 400 CARD_SERIES_EXPIRED (3008)', status: 400, example: 'CARD_SERIES_EXPIRED', basis: ['#/paths/~1v2~1card/post/responses/400/content/application~1json/examples/CARD_SERIES_EXPIRED'], needs: ['expiredSeriesId'], request: (f) => add(f, { seriesId: f.expiredSeriesId }) },
  { ...common, id: 'capillary.add.400-no-series', rule: 'seriesId, or seriesCode instead, is required', title: 'neither seriesId nor seriesCode → 400', status: 400, intent: 'invalid-input', request: () => ({ path: {}, body: { cardNumber: unknownId('card'), statusLabel: 'NOT_ISSUED' } }) },
  { ...common, id: 'capillary.add.400-no-card-number', rule: 'cardNumber is required', title: 'no cardNumber → 400', status: 400, intent: 'invalid-input', needs: ['seriesId'], request: (f) => ({ path: {}, body: { seriesId: f.seriesId, statusLabel: 'NOT_ISSUED' } }) },
  { ...common, id: 'capillary.add.400-status-label', rule: 'statusLabel is one of the supported values', title: 'statusLabel outside the supported set → 400', status: 400, intent: 'invalid-input', needs: ['seriesId'], request: (f) => add(f, { statusLabel: 'LOST' }) },
  { ...common, id: 'capillary.add.401-no-credentials', rule: 'Basic credentials are required', title: 'no Authorization → 401', status: 401, intent: 'no-auth', needs: ['seriesId'], request: (f) => add(f, {}, { auth: 'none' }) },
  {
    ...common,
    id: 'capillary.add.401-clear-password',
    rule: 'the password is sent as its md5 hex, never in clear',
    title: 'a password sent in clear, not as md5hex → 401',
    status: 401,
    intent: 'no-auth',
    needs: ['seriesId'],
    request: (f) => add(f, {}, { auth: `Basic ${btoa('store.server:server123')}` }),
  },
  { ...common, id: 'capillary.add.403-read-only-till', rule: 'adding a card needs WRITE access to the Card resource', title: 'a till without WRITE access → 403', status: 403, needs: ['seriesId', 'readOnlyAuthorization'], request: (f) => add(f, {}, { auth: String(f.readOnlyAuthorization) }) },
];

const RUN = Math.random().toString(36).slice(2, 10);

export const cases: CaseFile = { scenarios };
