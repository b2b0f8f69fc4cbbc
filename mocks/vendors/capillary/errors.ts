/**
 * Capillary's error envelope `{errors: [{status: false, code, message}], warnings: []}`. Every
 * template is a named example of specs/capillary.openapi.yaml.
 */
import { documents } from '../../../generated/documents.ts';
import type { components } from '../../../generated/capillary.ts';
import type { RequestProblem } from '../../core/compile-operation.ts';
import { documentedResponses } from '../../core/documented-responses.ts';
import { operationErrors } from '../../core/error-templates.ts';
import type { ExampleNames } from '../../../generated/examples.ts';
import type { MockResponse } from '../../core/types.ts';
import type { RejectionKind } from '../../core/vendor.ts';

export const capillaryResponses = documentedResponses(documents.capillary, 'capillary');
export const ADD_CARD = 'addCardToSeries' as const;

type ErrorEnvelope = components['schemas']['ErrorEnvelope'];

/** The documented error `name` of `status`; `message` replaces the example's when given. */
export const capillaryError = operationErrors<ExampleNames['capillary'], ErrorEnvelope>(capillaryResponses)(ADD_CARD, (body, message: string) => {
  if (message) body.errors[0]!.message = message;
});

const describe = (problems: RequestProblem[]) =>
  `Invalid request: ${problems.map((p) => [p.field || (p.in === 'body' ? 'body' : p.in), p.message].join(' ')).join('; ')}`;

export function rejectCapillary(kind: RejectionKind, problems: RequestProblem[]): MockResponse {
  switch (kind) {
    case 'unauthorized':
      return capillaryError(401, 'UNAUTHORISED');
    // A path or method the API does not have: its documented 400 (its 404 names a card series).
    case 'not-found':
    case 'method-not-allowed':
    case 'invalid':
      return capillaryError(400, 'INVALID_REQUEST', describe(problems));
  }
}
