/**
 * Capillary's error envelope `{errors: [{status: false, code, message}], warnings: []}`. Every
 * template is a named example of specs/capillary.openapi.yaml.
 */
import { documents } from '../../../generated/documents.ts';
import type { components } from '../../../generated/capillary.ts';
import type { RequestProblem } from '../../core/compile-operation.ts';
import { documentedResponses } from '../../core/documented-responses.ts';
import type { MockResponse } from '../../core/types.ts';
import type { RejectionKind } from '../../core/vendor.ts';

export const capillaryResponses = documentedResponses(documents.capillary, 'capillary');
export const ADD_CARD = 'addCardToSeries';

type ErrorEnvelope = components['schemas']['ErrorEnvelope'];

const TEMPLATES = {
  400: ['INVALID_CARD_SERIES', 'CARD_SERIES_EXPIRED', 'INVALID_REQUEST'],
  401: ['UNAUTHORISED'],
  403: ['FORBIDDEN'],
  404: ['SERIES_NOT_FOUND'],
  409: ['CARD_NUMBER_EXISTS', 'CARD_EXTERNAL_ID_EXISTS'],
} as const;
type Status = keyof typeof TEMPLATES;

export function capillaryError<S extends Status>(status: S, template: (typeof TEMPLATES)[S][number], message?: string): { status: S; headers: Record<string, string>; body: ErrorEnvelope } {
  const response = capillaryResponses.example(ADD_CARD, status, template);
  const body = response.body as ErrorEnvelope;
  if (message) body.errors[0]!.message = message;
  return { status, headers: response.headers, body };
}

const describe = (problems: RequestProblem[]) =>
  `Invalid request: ${problems.map((p) => [p.field || (p.in === 'body' ? 'body' : p.in), p.message].join(' ')).join('; ')}`;

export function rejectCapillary(kind: RejectionKind, problems: RequestProblem[]): MockResponse {
  switch (kind) {
    case 'unauthorized':
      return capillaryError(401, 'UNAUTHORISED');
    case 'not-found':
      return { ...capillaryError(400, 'INVALID_REQUEST', describe(problems)), status: 404 };
    case 'invalid':
      return capillaryError(400, 'INVALID_REQUEST', describe(problems));
  }
}
