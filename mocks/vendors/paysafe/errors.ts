/**
 * Paysafe's error envelope `{"error": {code, message, details[], fieldErrors[]}}`. Every template
 * is a named example of specs/paysafe.openapi.yaml, so codes and messages live in the spec only.
 */
import { documents } from '../../../generated/documents.ts';
import type { components } from '../../../generated/paysafe.ts';
import type { RequestProblem } from '../../core/compile-operation.ts';
import { documentedResponses } from '../../core/documented-responses.ts';
import { operationErrors } from '../../core/error-templates.ts';
import type { ExampleNames } from '../../../generated/examples.ts';
import type { MockResponse } from '../../core/types.ts';
import type { RejectionKind } from '../../core/vendor.ts';

export const paysafeResponses = documentedResponses(documents.paysafe, 'paysafe');

type ErrorEnvelope = components['schemas']['ErrorEnvelope'];
const ASSIGN = 'assignBulkCard' as const;

/** The documented error `name` of `status`, with optional extra field errors. */
export const paysafeError = operationErrors<ExampleNames['paysafe'], ErrorEnvelope>(paysafeResponses)(
  ASSIGN,
  (body, fieldErrors: components['schemas']['FieldError'][]) => {
    body.error.fieldErrors = fieldErrors;
    body.error.details = fieldErrors.map((f) => [f.field, f.error].filter(Boolean).join(' '));
  },
);

function fieldName(problem: RequestProblem): string {
  if (problem.in === 'body') return problem.field || 'body';
  return problem.field;
}

export function rejectPaysafe(kind: RejectionKind, problems: RequestProblem[]): MockResponse {
  const fieldErrors = problems.map((p) => ({ field: fieldName(p), error: p.message }));
  switch (kind) {
    case 'unauthorized':
      return paysafeError(401, 'INVALID_CREDENTIALS');
    // A path or method the API does not have is a request it cannot accept: its documented 400,
    // whose code belongs to that status (its 404 codes name a customer or a card).
    case 'not-found':
    case 'method-not-allowed':
    case 'invalid':
      return paysafeError(400, 'INVALID_FIELD_VALUE', fieldErrors);
  }
}
