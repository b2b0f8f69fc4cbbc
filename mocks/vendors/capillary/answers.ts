/**
 * Capillary's answers by rule, in its error envelope `{errors: [{status: false, code, message}],
 * warnings: []}`. Every refusal is a named example of specs/capillary.openapi.yaml.
 */
import { documents } from '../../../generated/documents.ts';
import type { operations } from '../../../generated/capillary.ts';
import type { RuleAnswers } from '../../../generated/rules.ts';
import { documentedResponses } from '../../core/responses/documented-responses.ts';
import { operationRules } from '../../core/responses/rule-answers.ts';
import { problemField, type MockResponse, type RequestProblem } from '../../core/types.ts';
import type { RejectionKind } from '../../core/vendor.ts';

export const capillaryResponses = documentedResponses(documents.capillary, 'capillary');
export const ADD_CARD = 'addCardToSeries' as const;

/** Answers of the add-card call by rule; `message` replaces the refusal example's when given. */
export const addCardRules = operationRules<RuleAnswers['capillary'], operations>(capillaryResponses)(ADD_CARD, (body, message: string) => {
  if (message) body.errors[0]!.message = message;
});

const describe = (problems: RequestProblem[]) =>
  `Invalid request: ${problems.map((p) => `${problemField(p)} ${p.message}`).join('; ')}`;

export function rejectCapillary(kind: RejectionKind, problems: RequestProblem[], _operationId?: string, rule?: string): MockResponse {
  if (kind === 'unauthorized') return addCardRules.refuse(addCardRules.refusal(rule) ?? 'capillary.add.credentials-required');
  // An invalid request, and a path or method the API does not have: its documented 400 (its 404
  // names a card series).
  return addCardRules.refuse('capillary.add.request-valid', describe(problems));
}
