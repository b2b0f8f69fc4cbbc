/**
 * Enfuce's error envelope. The card API publishes none, so cardmock answers RFC 7807
 * `application/problem+json` `{type, title, status, detail}` as Enfuce's newer API does; every
 * template is an `x-inferred` named example of specs/enfuce.openapi.yaml, and only `detail` (the
 * RFC's "explanation specific to this occurrence") is filled in here.
 * @see https://www.rfc-editor.org/rfc/rfc7807
 */
import type { components } from '../../../generated/enfuce.ts';
import type { RequestProblem } from '../../core/compile-operation.ts';
import type { MockResponse } from '../../core/types.ts';
import type { RejectionKind } from '../../core/vendor.ts';
import { describeProblem, isEmbossingProblem } from './problem-detail.ts';
import { operationErrors } from '../../core/error-templates.ts';
import type { ExampleNames } from '../../../generated/examples.ts';
import { CREATE, enfuceResponses } from './responses.ts';

export { CREATE, enfuceResponses };

export type Problem = components['schemas']['ErrorEnvelope'];

/** The documented problem `name` of `status`, with `detail` replaced when given. */
export const enfuceError = operationErrors<ExampleNames['enfuce'], Problem>(enfuceResponses)(CREATE, (body, detail: string) => {
  body.detail = detail;
});

const notFoundDetail = (enfuceResponses.example(CREATE, 404, 'CUSTOMER_NOT_FOUND').body as Problem).detail ?? '';

/** CUSTOMER_NOT_FOUND, its detail naming the customer asked for where the example names its sample ID. */
export function customerNotFound(customerId: string) {
  return enfuceError(404, 'CUSTOMER_NOT_FOUND', notFoundDetail.replace(/\d+/, () => customerId));
}

export function rejectEnfuce(kind: RejectionKind, problems: RequestProblem[]): MockResponse {
  const detail = problems.map(describeProblem).join('; ');
  switch (kind) {
    case 'unauthorized':
      // Enfuce accepts Bearer and Basic alike; the documented answer says so whatever was sent.
      return enfuceError(401, 'UNAUTHORIZED');
    case 'not-found':
      return enfuceError(404, 'CUSTOMER_NOT_FOUND', detail);
    case 'method-not-allowed': {
      // RFC 7807: a problem's `status` member repeats the HTTP status the engine sets (405).
      const response = enfuceError(400, 'INVALID_REQUEST', detail);
      return { ...response, body: { ...response.body, status: 405, title: 'Method Not Allowed' } };
    }
    case 'invalid':
      return enfuceError(400, problems.length > 0 && problems.every(isEmbossingProblem) ? 'INVALID_EMBOSSING_CHARACTER' : 'INVALID_REQUEST', detail);
  }
}
