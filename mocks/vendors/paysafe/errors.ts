/**
 * Paysafe's error envelope `{"error": {code, message, details[], fieldErrors[]}}`. Every template
 * is a named example of specs/paysafe.openapi.yaml, so codes and messages live in the spec only.
 */
import { documents } from '../../../generated/documents.ts';
import type { components } from '../../../generated/paysafe.ts';
import type { RequestProblem } from '../../core/compile-operation.ts';
import { documentedResponses } from '../../core/documented-responses.ts';
import type { MockResponse } from '../../core/types.ts';
import type { RejectionKind } from '../../core/vendor.ts';

export const paysafeResponses = documentedResponses(documents.paysafe, 'paysafe');

type ErrorEnvelope = components['schemas']['ErrorEnvelope'];
const ASSIGN = 'assignBulkCard';

export type PaysafeTemplate =
  | 'ALREADY_ASSIGNED_CARD'
  | 'ASSIGN_TO_CUSTOMER_NOT_FOUND'
  | 'INVALID_FIELD_VALUE'
  | 'INVALID_CREDENTIALS'
  | 'NO_SUCH_CUSTOMER'
  | 'NO_SUCH_CARD';

/** The documented error of `template` (its status comes from the spec), with optional extra field errors. */
export function paysafeError<S extends 400 | 401 | 404>(
  status: S,
  template: PaysafeTemplate,
  fieldErrors?: components['schemas']['FieldError'][],
): { status: S; headers: Record<string, string>; body: ErrorEnvelope } {
  const response = paysafeResponses.example(ASSIGN, status, template);
  const body = response.body as ErrorEnvelope;
  if (fieldErrors) {
    body.error.fieldErrors = fieldErrors;
    body.error.details = fieldErrors.map((f) => [f.field, f.error].filter(Boolean).join(' '));
  }
  return { status, headers: response.headers, body };
}

function fieldName(problem: RequestProblem): string {
  if (problem.in === 'body') return problem.field || 'body';
  return problem.field;
}

export function rejectPaysafe(kind: RejectionKind, problems: RequestProblem[]): MockResponse {
  const fieldErrors = problems.map((p) => ({ field: fieldName(p), error: p.message }));
  switch (kind) {
    case 'unauthorized':
      return paysafeError(401, 'INVALID_CREDENTIALS');
    case 'not-found':
      return { ...paysafeError(404, 'NO_SUCH_CUSTOMER'), body: paysafeError(400, 'INVALID_FIELD_VALUE', fieldErrors).body };
    case 'invalid':
      return paysafeError(400, 'INVALID_FIELD_VALUE', fieldErrors);
  }
}
