/**
 * Paysafe's answers by rule, in its error envelope `{"error": {code, message, details[],
 * fieldErrors[]}}`. Every refusal is a named example of specs/paysafe.openapi.yaml, so codes and
 * messages live in the spec only.
 */
import { documents } from '../../../generated/documents.ts';
import type { components, operations } from '../../../generated/paysafe.ts';
import type { RuleAnswers } from '../../../generated/rules.ts';
import { documentedResponses } from '../../core/responses/documented-responses.ts';
import { operationRules } from '../../core/responses/rule-answers.ts';
import { problemField, type MockResponse, type RequestProblem } from '../../core/types.ts';
import type { RejectionKind } from '../../core/vendor.ts';

export const paysafeResponses = documentedResponses(documents.paysafe, 'paysafe');
export const ASSIGN = 'assignBulkCard' as const;

/** Answers of `assignBulkCard` by rule; a refusal may carry extra field errors. */
export const assignRules = operationRules<RuleAnswers['paysafe'], operations>(paysafeResponses)(
  ASSIGN,
  (body, fieldErrors: components['schemas']['FieldError'][]) => {
    body.error.fieldErrors = fieldErrors;
    body.error.details = fieldErrors.map((f) => [f.field, f.error].filter(Boolean).join(' '));
  },
);

export function rejectPaysafe(kind: RejectionKind, problems: RequestProblem[], _operationId?: string, rule?: string): MockResponse {
  const fieldErrors = problems.map((p) => ({ field: problemField(p), error: p.message }));
  // Credentials refused by the core: the rule it names (a missing or a malformed token).
  if (kind === 'unauthorized') return assignRules.refuse(assignRules.refusal(rule) ?? 'paysafe.assign.token-required');
  // An invalid request, and a path or method the API does not have (a request it cannot accept):
  // its documented 400, whose code belongs to that status (its 404 codes name a customer or a card).
  return assignRules.refuse('paysafe.assign.request-valid', fieldErrors);
}
