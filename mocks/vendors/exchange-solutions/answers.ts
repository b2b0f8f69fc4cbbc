/**
 * Exchange Solutions' answers by rule, in its error envelope `{errorCode, errorMessage}` (the seed's
 * error table has these columns; the JSON shape is inferred). Every refusal is a named example of
 * specs/exchange-solutions.openapi.yaml, so codes and messages live in the spec only.
 */
import { documents } from '../../../generated/documents.ts';
import type { components, operations } from '../../../generated/exchange-solutions.ts';
import type { RuleAnswers } from '../../../generated/rules.ts';
import { documentedResponses } from '../../core/responses/documented-responses.ts';
import { operationRules } from '../../core/responses/rule-answers.ts';
import { problemField, type MockResponse, type RequestProblem } from '../../core/types.ts';
import type { RejectionKind } from '../../core/vendor.ts';

export const exchangeSolutionsResponses = documentedResponses(documents['exchange-solutions'], 'exchange-solutions');
export const ADD_CARDS = 'addCardsToAccount' as const;

type AddCardsResponse = components['schemas']['AddCardsResponse'];

/** Answers of the add-cards call by rule; `errorMessage` replaces the refusal example's when given. */
export const addCardsRules = operationRules<RuleAnswers['exchange-solutions'], operations>(exchangeSolutionsResponses)(
  ADD_CARDS,
  (body, errorMessage: string) => {
    body.errorMessage = errorMessage;
  },
);

/** The errorList message of a card that is on another account: the PARTLY_ADDED example's. */
export const CARD_ON_ANOTHER_ACCOUNT = (exchangeSolutionsResponses.example(ADD_CARDS, 200, 'PARTLY_ADDED').body as AddCardsResponse)
  .errorList[0]!.errorMessage;

const REQUEST_VALID = 'exchange-solutions.add-cards.request-valid';
// The INVALID_REQUEST example reads "Invalid request: <field> <problem>": keep its lead-in, name our fields.
const INVALID_LEAD_IN = addCardsRules.refuse(REQUEST_VALID).body.errorMessage.split(': ')[0];

const describeProblem = (p: RequestProblem) => `${problemField(p)} ${p.message}`;

export function rejectExchangeSolutions(kind: RejectionKind, problems: RequestProblem[], _operationId?: string, rule?: string): MockResponse {
  const named = addCardsRules.refusal(rule);
  if (kind === 'unauthorized') return addCardsRules.refuse(named ?? 'exchange-solutions.add-cards.token-required');
  // A documented rule the schema expresses (at least one card, not both kinds) keeps its documented
  // answer when it is all that is wrong; a malformed field is named as any other.
  if (kind === 'invalid' && named !== undefined && named !== REQUEST_VALID) return addCardsRules.refuse(named);
  // ES documents no 404: an unknown path is answered like any other invalid request.
  return addCardsRules.refuse(REQUEST_VALID, `${INVALID_LEAD_IN}: ${problems.map(describeProblem).join('; ')}`);
}
