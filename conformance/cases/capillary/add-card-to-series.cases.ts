/**
 * Capillary `addCardToSeries` scenarios, one or more per rule of its catalogue (seed 003).
 * Fixtures: seriesId (an existing, unexpired series), seriesCode (the code of one),
 * existingCardNumber and existingCardExternalId (a card already in the system),
 * readOnlyAuthorization (Basic credentials of a till without WRITE access), expiredSeriesId,
 * tillUsername and tillPassword (a till with WRITE access and its password in clear, which the
 * clear-password scenario sends as it is).
 */
import { scenariosOf, unknownId, type CaseFile, type Fixtures, type RequestSpec, type ScenarioDraft } from '../../lib/scenario.ts';

const add = (f: Fixtures, body: Record<string, unknown> = {}, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  path: {},
  body: { seriesId: f.seriesId, cardNumber: unknownId('card'), statusLabel: 'NOT_ISSUED', ...body },
  ...extra,
});
const byCode = (f: Fixtures): RequestSpec => ({ path: {}, body: { seriesCode: f.seriesCode, cardNumber: unknownId('card'), statusLabel: 'ACTIVE' } });
/** Basic credentials as a browser would send them: base64 of `user:password`, in UTF-8. */
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

const scenarios: ScenarioDraft[] = [
  {
    id: 'capillary.add.200-by-series-id',
    rule: 'capillary.add.adds-card',
    title: 'add a new card number to a series by seriesId, then another → 200, each with its own entity',
    needs: ['seriesId'],
    mutates: true,
    setup: (f) => [add(f)],
    request: (f) => add(f),
  },
  {
    id: 'capillary.add.200-by-series-code',
    rule: 'capillary.add.series-by-code',
    title: 'add a new card number by seriesCode (no seriesId), then another → 200, each with its own entity',
    needs: ['seriesCode'],
    mutates: true,
    setup: (f) => [byCode(f)],
    request: (f) => byCode(f),
  },
  {
    id: 'capillary.add.200-customer-unknown',
    rule: 'capillary.add.unknown-customer-warned',
    title: 'a new card with a customerId that names no customer → 200, added with a warning',
    needs: ['seriesId'],
    mutates: true,
    request: (f) => add(f, { customerId: 1_999_999_999 }),
  },
  {
    id: 'capillary.add.409-add-twice',
    rule: 'capillary.add.card-number-unique',
    proves: 'state-change',
    title: 'add a card number, then the same number again → 409 CARD_NUMBER_EXISTS',
    needs: ['seriesId'],
    mutates: true,
    setup: (f) => [add(f, { cardNumber: `twice-${f.seriesId}-${RUN}` })],
    request: (f) => add(f, { cardNumber: `twice-${f.seriesId}-${RUN}` }),
  },
  { id: 'capillary.add.409-card-number-exists', rule: 'capillary.add.card-number-unique', title: 'a card number already in the system → 409 CARD_NUMBER_EXISTS', needs: ['seriesId', 'existingCardNumber'], request: (f) => add(f, { cardNumber: f.existingCardNumber }) },
  { id: 'capillary.add.409-external-id-exists', rule: 'capillary.add.external-id-unique', title: 'a cardExternalId already in the system, with a new card number → 409', needs: ['seriesId', 'existingCardExternalId'], request: (f) => add(f, { cardExternalId: f.existingCardExternalId }) },
  { id: 'capillary.add.404-series-unknown', rule: 'capillary.add.series-exists', title: 'unknown seriesId → 404 SERIES_NOT_FOUND', needs: ['seriesId'], request: (f) => add(f, { seriesId: 2_000_000_000 }) },
  { id: 'capillary.add.404-series-code-unknown', rule: 'capillary.add.series-exists', title: 'unknown seriesCode → 404 SERIES_NOT_FOUND', request: () => ({ path: {}, body: { seriesCode: unknownId('series'), cardNumber: unknownId('card'), statusLabel: 'NOT_ISSUED' } }) },
  { id: 'capillary.add.400-expired-series', rule: 'capillary.add.series-not-expired', title: 'a series that has expired → 400 CARD_SERIES_EXPIRED (3008)', needs: ['expiredSeriesId'], request: (f) => add(f, { seriesId: f.expiredSeriesId }) },
  { id: 'capillary.add.400-no-series', rule: 'capillary.add.request-valid', title: 'neither seriesId nor seriesCode → 400', intent: 'invalid-input', request: () => ({ path: {}, body: { cardNumber: unknownId('card'), statusLabel: 'NOT_ISSUED' } }) },
  { id: 'capillary.add.400-no-card-number', rule: 'capillary.add.request-valid', title: 'no cardNumber → 400', intent: 'invalid-input', needs: ['seriesId'], request: (f) => ({ path: {}, body: { seriesId: f.seriesId, statusLabel: 'NOT_ISSUED' } }) },
  { id: 'capillary.add.400-status-label', rule: 'capillary.add.request-valid', title: 'statusLabel outside the supported set → 400', intent: 'invalid-input', needs: ['seriesId'], request: (f) => add(f, { statusLabel: 'LOST' }) },
  { id: 'capillary.add.401-no-credentials', rule: 'capillary.add.credentials-required', title: 'no Authorization → 401', intent: 'no-auth', needs: ['seriesId'], request: (f) => add(f, {}, { auth: 'none' }) },
  {
    id: 'capillary.add.401-unknown-till',
    rule: 'capillary.add.credentials-valid',
    title: 'Basic credentials of a till that does not exist → 401',
    intent: 'no-auth',
    needs: ['seriesId'],
    request: (f) => add(f, {}, { auth: basic(unknownId('till'), '0'.repeat(32)) }),
  },
  {
    // The till exists and its password is right: only its form (clear, not md5 hex) is wrong.
    id: 'capillary.add.401-clear-password',
    rule: 'capillary.add.password-as-md5',
    title: "a till's password sent in clear, not as md5hex → 401",
    intent: 'no-auth',
    needs: ['seriesId', 'tillUsername', 'tillPassword'],
    request: (f) => add(f, {}, { auth: basic(String(f.tillUsername), String(f.tillPassword)) }),
  },
  { id: 'capillary.add.403-read-only-till', rule: 'capillary.add.write-access', title: 'a till without WRITE access → 403', needs: ['seriesId', 'readOnlyAuthorization'], request: (f) => add(f, {}, { auth: String(f.readOnlyAuthorization) }) },
];

const RUN = Math.random().toString(36).slice(2, 10);

export const cases: CaseFile = { scenarios: scenariosOf('capillary', 'addCardToSeries', scenarios) };
