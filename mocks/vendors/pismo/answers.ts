/**
 * Pismo's answers by rule. The bind page publishes statuses with descriptions only, so the envelope
 * `{code, message}` and every refusal are `x-inferred` named examples of specs/pismo.openapi.yaml.
 */
import { documents } from '../../../generated/documents.ts';
import type { operations } from '../../../generated/pismo.ts';
import type { RuleAnswers } from '../../../generated/rules.ts';
import { documentedResponses } from '../../core/responses/documented-responses.ts';
import { operationRules } from '../../core/responses/rule-answers.ts';
import type { MockResponse, RequestProblem } from '../../core/types.ts';
import type { RejectionKind } from '../../core/vendor.ts';

export const pismoResponses = documentedResponses(documents.pismo, 'pismo');
export const BIND = 'post-v2-card-bind' as const;

/** Answers of the bind by rule; a refusal may say what was wrong with this request as `detail`. */
export const bindRules = operationRules<RuleAnswers['pismo'], operations>(pismoResponses)(BIND, (body, detail: string) => {
  if (detail) body.detail = detail;
});

const describe = (problems: RequestProblem[]) =>
  problems.map((p) => `${p.in}${p.field ? ` ${p.field}` : ''} ${p.message}`).join('; ');

export function rejectPismo(kind: RejectionKind, problems: RequestProblem[], _operationId?: string, rule?: string): MockResponse {
  if (kind === 'unauthorized') return bindRules.refuse(bindRules.refusal(rule) ?? 'pismo.bind.token-required', describe(problems));
  // Pismo documents no 404: an unknown path is a bad request too.
  return bindRules.refuse('pismo.bind.request-valid', describe(problems));
}
