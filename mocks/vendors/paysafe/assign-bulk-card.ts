/**
 * `POST /customers/{customerId}/prepaid/cards/{cardId}/assignments`: assign a card created through
 * Bulk Card Ordering to another customer. Once assigned, a card cannot be re-assigned (seed 001).
 *
 * Order of checks, each a rule of the catalogue: the path customer exists
 * (`paysafe.assign.customer-exists`, 404 NO_SUCH_CUSTOMER); the card is a bulk card of that customer
 * (`paysafe.assign.card-of-customer`, 404 NO_SUCH_CARD, whose code is cardmock's: the page documents
 * 404 for a missing resource only); not assigned already (`paysafe.assign.not-reassigned`); the
 * target exists (`paysafe.assign.target-exists`). Then the card is assigned
 * (`paysafe.assign.assigns-card`). The catalogue holds no inferred rule for this operation.
 */
import type { operations } from '../../../generated/paysafe.ts';
import type { OperationResponse, ParametersOf, RequestBodyOf } from '../../core/responses/typed-response.ts';
import type { OperationContext } from '../../core/vendor.ts';
import { assignRules } from './answers.ts';
import type { PaysafeState } from './state.ts';

type Operation = operations['assignBulkCard'];

export function assignBulkCard(
  context: OperationContext<PaysafeState, RequestBodyOf<Operation>, ParametersOf<Operation>>,
): OperationResponse<Operation> {
  const { state, request } = context;
  const { customerId, cardId } = request.path;
  const { targetCustomerId } = request.body;

  if (!state.customers.has(customerId)) return assignRules.refuse('paysafe.assign.customer-exists');
  const card = state.cards.get(cardId);
  if (!card || card.customerId !== customerId) return assignRules.refuse('paysafe.assign.card-of-customer');
  if (card.assignedTo !== undefined) return assignRules.refuse('paysafe.assign.not-reassigned');
  if (!state.customers.has(targetCustomerId)) return assignRules.refuse('paysafe.assign.target-exists');

  card.assignedTo = targetCustomerId;
  return assignRules.succeed('paysafe.assign.assigns-card', { cardId, customerId, targetCustomerId });
}
