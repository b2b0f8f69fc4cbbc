/**
 * Pismo's error bodies. The bind page publishes statuses with descriptions only, so the envelope
 * `{code, message}` and every template are `x-inferred` named examples of specs/pismo.openapi.yaml.
 */
import { documents } from '../../../generated/documents.ts';
import type { components } from '../../../generated/pismo.ts';
import type { RequestProblem } from '../../core/compile-operation.ts';
import { documentedResponses } from '../../core/documented-responses.ts';
import { operationErrors } from '../../core/error-templates.ts';
import type { ExampleNames } from '../../../generated/examples.ts';
import type { MockResponse } from '../../core/types.ts';
import type { RejectionKind } from '../../core/vendor.ts';

export const pismoResponses = documentedResponses(documents.pismo, 'pismo');
export const BIND = 'post-v2-card-bind' as const;

type ErrorEnvelope = components['schemas']['ErrorEnvelope'];

/** The documented error `name` of `status`, with what was wrong with this request as `detail`. */
export const pismoError = operationErrors<ExampleNames['pismo'], ErrorEnvelope>(pismoResponses)(BIND, (body, detail: string) => {
  if (detail) body.detail = detail;
});

const describe = (problems: RequestProblem[]) =>
  problems.map((p) => `${p.in}${p.field ? ` ${p.field}` : ''} ${p.message}`).join('; ');

export function rejectPismo(kind: RejectionKind, problems: RequestProblem[]): MockResponse {
  // Pismo documents no 404: an unknown path is a bad request too.
  return kind === 'unauthorized' ? pismoError(401, 'UNAUTHORIZED', describe(problems)) : pismoError(400, 'BAD_REQUEST', describe(problems));
}
