/**
 * Exchange Solutions' error envelope `{errorCode, errorMessage}` (the seed's error table has these
 * columns; the JSON shape is inferred). Every template is a named example of
 * specs/exchange-solutions.openapi.yaml, so codes and messages live in the spec only.
 */
import { documents } from '../../../generated/documents.ts';
import type { components } from '../../../generated/exchange-solutions.ts';
import type { RequestProblem } from '../../core/compile-operation.ts';
import { documentedResponses } from '../../core/documented-responses.ts';
import { operationErrors } from '../../core/error-templates.ts';
import type { ExampleNames } from '../../../generated/examples.ts';
import type { MockResponse } from '../../core/types.ts';
import type { RejectionKind } from '../../core/vendor.ts';

export const exchangeSolutionsResponses = documentedResponses(documents['exchange-solutions'], 'exchange-solutions');
export const ADD_CARDS = 'addCardsToAccount' as const;

type ErrorEnvelope = components['schemas']['ErrorEnvelope'];
type AddCardsResponse = components['schemas']['AddCardsResponse'];

type AddCards = ExampleNames['exchange-solutions'][typeof ADD_CARDS];
/** The documented error `name` of `status`; `errorMessage` replaces the example's when given. */
export const exchangeSolutionsError = operationErrors<ExampleNames['exchange-solutions'], ErrorEnvelope>(exchangeSolutionsResponses)(
  ADD_CARDS,
  (body, errorMessage: string) => {
    body.errorMessage = errorMessage;
  },
);

/** The errorList message of a card that is on another account: the PARTLY_ADDED example's. */
export const CARD_ON_ANOTHER_ACCOUNT = (exchangeSolutionsResponses.example(ADD_CARDS, 200, 'PARTLY_ADDED').body as AddCardsResponse)
  .errorList[0]!.errorMessage;

// The INVALID_REQUEST example reads "Invalid request: <field> <problem>": keep its lead-in, name our fields.
const INVALID_LEAD_IN = exchangeSolutionsError(400, 'INVALID_REQUEST').body.errorMessage.split(': ')[0];

const describeProblem = (p: RequestProblem) => `${p.field || (p.in === 'body' ? 'body' : p.in)} ${p.message}`;

const isTemplate400 = (name: string | undefined): name is AddCards[400] => name !== undefined && exchangeSolutionsResponses.exampleNames(ADD_CARDS, 400).includes(name);

export function rejectExchangeSolutions(kind: RejectionKind, problems: RequestProblem[]): MockResponse {
  if (kind === 'unauthorized') return exchangeSolutionsError(401, 'UNAUTHORIZED');
  // A documented rule the schema expresses (at least one card, not both kinds) keeps its documented
  // answer, when it is the only thing wrong; a malformed field is named as any other.
  const rule = problems[0]?.rule;
  const answer = exchangeSolutionsResponses.operation(ADD_CARDS).rules.find((r) => r.id === rule)?.answer.example;
  if (isTemplate400(answer) && problems.every((p) => p.rule === rule)) return exchangeSolutionsError(400, answer);
  // ES documents no 404: an unknown path is answered like any other invalid request.
  return exchangeSolutionsError(400, 'INVALID_REQUEST', `${INVALID_LEAD_IN}: ${problems.map(describeProblem).join('; ')}`);
}
