/**
 * `POST /v2/card` (seed 003): add a card number to a card series.
 *
 * - The series is found by `seriesId`, or by `seriesCode` when `seriesId` is absent
 *   (`capillary.add.series-by-code`); unknown → 404 SERIES_NOT_FOUND, 3004
 *   (`capillary.add.series-exists`). An expired series → 400 CARD_SERIES_EXPIRED, 3008 "card series
 *   expired" in the vendor's card error codes; the status carrying it is inferred
 *   (`capillary.add.series-not-expired`).
 * - `cardNumber` taken → 409 CARD_NUMBER_EXISTS, 3009 (`capillary.add.card-number-unique`);
 *   `cardExternalId` taken → 409 CARD_EXTERNAL_ID_EXISTS, inferred message
 *   (`capillary.add.external-id-unique`).
 * - Inferred, `capillary.add.unknown-customer-warned`: an unknown `customerId` is not an error the
 *   page documents, and the field is optional: the card is added without a customer and a warning
 *   says so (CARD_ADDED_CUSTOMER_UNKNOWN), so a client that sent a stale customer still gets its card.
 * - Otherwise the card is added (`capillary.add.adds-card`).
 */
import type { operations } from '../../../generated/capillary.ts';
import type { OperationResponse, ParametersOf, RequestBodyOf } from '../../core/responses/typed-response.ts';
import type { OperationContext } from '../../core/vendor.ts';
import { ADD_CARD, addCardRules, capillaryResponses } from './answers.ts';
import { addCard, type CapillaryState } from './state.ts';

type Operation = operations['addCardToSeries'];
type Body = RequestBodyOf<Operation>;
type Success = Extract<OperationResponse<Operation>, { status: 200 }>['body'];

const CUSTOMER_UNKNOWN_WARNINGS = (capillaryResponses.example(ADD_CARD, 200, 'CARD_ADDED_CUSTOMER_UNKNOWN').body as Success).warnings;

export function addCardToSeries(context: OperationContext<CapillaryState, Body, ParametersOf<Operation>>): OperationResponse<Operation> {
  const { state, request } = context;
  const body = request.body;
  const series = body.seriesId !== undefined ? state.series.get(body.seriesId) : state.seriesByCode.get(body.seriesCode ?? '');
  if (!series) return addCardRules.refuse('capillary.add.series-exists');
  if (series.expired) return addCardRules.refuse('capillary.add.series-not-expired');
  if (state.cards.has(body.cardNumber)) return addCardRules.refuse('capillary.add.card-number-unique');
  if (body.cardExternalId !== undefined && state.cardsByExternalId.has(body.cardExternalId)) return addCardRules.refuse('capillary.add.external-id-unique');

  const knownCustomer = body.customerId === undefined || state.customers.has(body.customerId);
  const card = addCard(state, {
    cardNumber: body.cardNumber,
    seriesId: series.seriesId,
    statusLabel: body.statusLabel,
    ...(body.cardExternalId !== undefined ? { cardExternalId: body.cardExternalId } : {}),
    ...(body.customerId !== undefined && knownCustomer ? { customerId: body.customerId } : {}),
    ...(body.statusInfo?.reason !== undefined ? { statusReason: body.statusInfo.reason } : {}),
  });
  if (!knownCustomer) return addCardRules.succeed('capillary.add.unknown-customer-warned', { entity: card.id, warnings: structuredClone(CUSTOMER_UNKNOWN_WARNINGS) });
  const rule = body.seriesId !== undefined ? 'capillary.add.adds-card' : 'capillary.add.series-by-code';
  return addCardRules.succeed(rule, { entity: card.id, warnings: [] });
}
