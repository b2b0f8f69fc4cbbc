/**
 * Pismo's error bodies. The bind page publishes statuses with descriptions only, so the envelope
 * `{code, message}` and every template are `x-inferred` named examples of specs/pismo.openapi.yaml.
 */
import { documents } from '../../../generated/documents.ts';
import type { components } from '../../../generated/pismo.ts';
import type { RequestProblem } from '../../core/compile-operation.ts';
import { documentedResponses } from '../../core/documented-responses.ts';
import type { MockResponse } from '../../core/types.ts';
import type { RejectionKind } from '../../core/vendor.ts';

export const pismoResponses = documentedResponses(documents.pismo, 'pismo');
export const BIND = 'post-v2-card-bind';

type ErrorEnvelope = components['schemas']['ErrorEnvelope'];

const TEMPLATES = {
  400: ['BAD_REQUEST', 'REISSUED_CARD_NOT_FOUND', 'CARD_NOT_FOUND'],
  401: ['UNAUTHORIZED'],
  403: ['FORBIDDEN'],
  409: ['CARD_NOT_UNBOUND'],
} as const;
type Status = keyof typeof TEMPLATES;

export function pismoError<S extends Status>(
  status: S,
  template: (typeof TEMPLATES)[S][number],
  detail?: string,
): { status: S; headers: Record<string, string>; body: ErrorEnvelope } {
  const response = pismoResponses.example(BIND, status, template);
  const body = response.body as ErrorEnvelope;
  if (detail) body.detail = detail;
  return { status, headers: response.headers, body };
}

const describe = (problems: RequestProblem[]) =>
  problems.map((p) => `${p.in}${p.field ? ` ${p.field}` : ''} ${p.message}`).join('; ');

export function rejectPismo(kind: RejectionKind, problems: RequestProblem[]): MockResponse {
  // Pismo documents no 404: an unknown path is a bad request too.
  return kind === 'unauthorized' ? pismoError(401, 'UNAUTHORIZED', describe(problems)) : pismoError(400, 'BAD_REQUEST', describe(problems));
}
