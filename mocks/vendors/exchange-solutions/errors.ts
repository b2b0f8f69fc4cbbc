/**
 * Exchange Solutions' error envelope `{errorCode, errorMessage}` (the seed's error table has these
 * columns; the JSON shape is inferred). Every template is a named example of
 * specs/exchange-solutions.openapi.yaml, so codes and messages live in the spec only.
 */
import { documents } from '../../../generated/documents.ts';
import type { components } from '../../../generated/exchange-solutions.ts';
import type { RequestProblem } from '../../core/compile-operation.ts';
import { documentedResponses } from '../../core/documented-responses.ts';
import type { MockResponse } from '../../core/types.ts';
import type { RejectionKind } from '../../core/vendor.ts';

export const exchangeSolutionsResponses = documentedResponses(documents['exchange-solutions'], 'exchange-solutions');
export const ADD_CARDS = 'addCardsToAccount';

type ErrorEnvelope = components['schemas']['ErrorEnvelope'];
type AddCardsResponse = components['schemas']['AddCardsResponse'];

const TEMPLATES = {
  400: [
    'NO_CARD_REQUESTED',
    'INVALID_LOYALTY_ID',
    'ACCOUNT_CLOSED_OR_DECEASED',
    'ACCOUNT_NOT_REGISTERED',
    'MAXIMUM_CARDS_EXCEEDED',
    'DIGITAL_CARDS_NOT_ENABLED',
    'PHYSICAL_AND_DIGITAL',
    'INVALID_REQUEST',
    'SESSION_NOT_FOUND',
  ],
  401: ['UNAUTHORIZED'],
} as const;
type Status = keyof typeof TEMPLATES;

/** The documented error of `template`; `errorMessage` replaces the example's when given. */
export function exchangeSolutionsError<S extends Status>(
  status: S,
  template: (typeof TEMPLATES)[S][number],
  errorMessage?: string,
): { status: S; headers: Record<string, string>; body: ErrorEnvelope } {
  const response = exchangeSolutionsResponses.example(ADD_CARDS, status, template);
  const body = response.body as ErrorEnvelope;
  if (errorMessage !== undefined) body.errorMessage = errorMessage;
  return { status, headers: response.headers, body };
}

/** The errorList message of a card that is on another account: the PARTLY_ADDED example's. */
export const CARD_ON_ANOTHER_ACCOUNT = (exchangeSolutionsResponses.example(ADD_CARDS, 200, 'PARTLY_ADDED').body as AddCardsResponse)
  .errorList[0]!.errorMessage;

// The INVALID_REQUEST example reads "Invalid request: <field> <problem>": keep its lead-in, name our fields.
const INVALID_LEAD_IN = exchangeSolutionsError(400, 'INVALID_REQUEST').body.errorMessage.split(': ')[0];

const describeProblem = (p: RequestProblem) => `${p.field || (p.in === 'body' ? 'body' : p.in)} ${p.message}`;

const isTemplate400 = (name: string | undefined): name is (typeof TEMPLATES)[400][number] => (TEMPLATES[400] as readonly string[]).includes(name ?? '');

export function rejectExchangeSolutions(kind: RejectionKind, problems: RequestProblem[]): MockResponse {
  if (kind === 'unauthorized') return exchangeSolutionsError(401, 'UNAUTHORIZED');
  // A documented rule the schema expresses (at least one card, not both kinds) keeps its documented
  // answer, when it is the only thing wrong; a malformed field is named as any other.
  const answer = problems[0]?.answer;
  if (isTemplate400(answer) && problems.every((p) => p.answer === answer)) return exchangeSolutionsError(400, answer);
  // ES documents no 404: an unknown path is answered like any other invalid request.
  return exchangeSolutionsError(400, 'INVALID_REQUEST', `${INVALID_LEAD_IN}: ${problems.map(describeProblem).join('; ')}`);
}
