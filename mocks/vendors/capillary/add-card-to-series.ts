/**
 * `POST /v2/card` (seed 003): add a card number to a card series.
 *
 * - The series is found by `seriesId`, or by `seriesCode` when `seriesId` is absent (the page);
 *   unknown → 404 SERIES_NOT_FOUND (3004). An expired series → 400 CARD_SERIES_EXPIRED (3008,
 *   "card series expired" in the vendor's card error codes; the status carrying it is inferred).
 * - `cardNumber` taken → 409 CARD_NUMBER_EXISTS (3009); `cardExternalId` taken → 409
 *   CARD_EXTERNAL_ID_EXISTS (inferred message).
 * - An unknown `customerId` is not an error the page documents, and the field is optional: the card
 *   is added without a customer and a warning says so (inferred example CARD_ADDED_CUSTOMER_UNKNOWN),
 *   so a client that sent a stale customer still gets its card.
 */
import type { operations } from '../../../generated/capillary.ts';
import type { OperationResponse, ParametersOf, RequestBodyOf } from '../../core/typed-response.ts';
import type { OperationContext } from '../../core/vendor.ts';
import { ADD_CARD, capillaryError, capillaryResponses } from './errors.ts';
import { addCard, type CapillaryState } from './state.ts';

type Operation = operations['addCardToSeries'];
type Body = RequestBodyOf<Operation>;
type Success = Extract<OperationResponse<Operation>, { status: 200 }>['body'];

export function addCardToSeries(context: OperationContext<CapillaryState, Body, ParametersOf<Operation>>): OperationResponse<Operation> {
  const { state, request } = context;
  const body = request.body;
  const series = body.seriesId !== undefined ? state.series.get(body.seriesId) : state.seriesByCode.get(body.seriesCode ?? '');
  if (!series) return capillaryError(404, 'SERIES_NOT_FOUND');
  if (series.expired) return capillaryError(400, 'CARD_SERIES_EXPIRED');
  if (state.cards.has(body.cardNumber)) return capillaryError(409, 'CARD_NUMBER_EXISTS');
  if (body.cardExternalId !== undefined && state.cardsByExternalId.has(body.cardExternalId)) return capillaryError(409, 'CARD_EXTERNAL_ID_EXISTS');

  const knownCustomer = body.customerId === undefined || state.customers.has(body.customerId);
  const card = addCard(state, {
    cardNumber: body.cardNumber,
    seriesId: series.seriesId,
    statusLabel: body.statusLabel,
    ...(body.cardExternalId !== undefined ? { cardExternalId: body.cardExternalId } : {}),
    ...(body.customerId !== undefined && knownCustomer ? { customerId: body.customerId } : {}),
    ...(body.statusInfo?.reason !== undefined ? { statusReason: body.statusInfo.reason } : {}),
  });
  const warnings = knownCustomer ? [] : (capillaryResponses.example(ADD_CARD, 200, 'CARD_ADDED_CUSTOMER_UNKNOWN').body as Success).warnings;
  return { status: 200, headers: { 'content-type': 'application/json' }, body: { entity: card.id, warnings } };
}
