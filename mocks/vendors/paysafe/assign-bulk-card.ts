/**
 * `POST /customers/{customerId}/prepaid/cards/{cardId}/assignments`: assign a card created through
 * Bulk Card Ordering to another customer. Once assigned, a card cannot be re-assigned (seed 001).
 *
 * Order of checks: unknown path customer → 404 NO_SUCH_CUSTOMER; card not a bulk card of that
 * customer → 404 (inferred NO_SUCH_CARD: the page documents 404 for a missing resource only);
 * already assigned → 400 ALREADY_ASSIGNED_CARD; unknown target → 400 ASSIGN_TO_CUSTOMER_NOT_FOUND.
 */
import type { operations } from '../../../generated/paysafe.ts';
import type { OperationResponse, ParametersOf, RequestBodyOf } from '../../core/typed-response.ts';
import type { OperationContext } from '../../core/vendor.ts';
import { paysafeError } from './errors.ts';
import type { PaysafeState } from './state.ts';

type Operation = operations['assignBulkCard'];

export function assignBulkCard(
  context: OperationContext<PaysafeState, RequestBodyOf<Operation>, ParametersOf<Operation>>,
): OperationResponse<Operation> {
  const { state, request } = context;
  const { customerId, cardId } = request.path;
  const { targetCustomerId } = request.body;

  if (!state.customers.has(customerId)) return paysafeError(404, 'NO_SUCH_CUSTOMER');
  const card = state.cards.get(cardId);
  if (!card || card.customerId !== customerId) return paysafeError(404, 'NO_SUCH_CARD');
  if (card.assignedTo !== undefined) return paysafeError(400, 'ALREADY_ASSIGNED_CARD');
  if (!state.customers.has(targetCustomerId)) return paysafeError(400, 'ASSIGN_TO_CUSTOMER_NOT_FOUND');

  card.assignedTo = targetCustomerId;
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: { cardId, customerId, targetCustomerId },
  };
}
