/**
 * Enfuce's answers by rule. The card API publishes no error body, so cardmock answers RFC 7807
 * `application/problem+json` `{type, title, status, detail}` as Enfuce's newer API does; every
 * refusal is an `x-inferred` named example of specs/enfuce.openapi.yaml, and only `detail` (the
 * RFC's "explanation specific to this occurrence") is filled in here.
 * @see https://www.rfc-editor.org/rfc/rfc7807
 */
import { documents } from '../../../generated/documents.ts';
import type { components, operations } from '../../../generated/enfuce.ts';
import type { RuleAnswers } from '../../../generated/rules.ts';
import type { ExampleObject } from '../../../specs/lib/openapi-document.ts';
import { resolve } from '../../../specs/lib/operations.ts';
import { documentedResponses } from '../../core/responses/documented-responses.ts';
import { operationRules } from '../../core/responses/rule-answers.ts';
import { problemField, type MockResponse, type RequestProblem } from '../../core/types.ts';
import type { RejectionKind } from '../../core/vendor.ts';

export const enfuceResponses = documentedResponses(documents.enfuce, 'enfuce');
export const CREATE = 'createMultiApplicationCard' as const;

/** A named request example of the spec: the body the vendor's own docs would send. */
export function requestExample<Body>(name: string): Body {
  const examples = enfuceResponses.operation(CREATE).requestBody?.content['application/json']?.examples ?? {};
  const example = examples[name];
  if (!example) throw new Error(`enfuce ${CREATE} has no request example ${name}`);
  return structuredClone(resolve<ExampleObject>(documents.enfuce, example).value) as Body;
}

export type Problem = components['schemas']['ErrorEnvelope'];

/** Answers of the create call by rule; a refusal's `detail` is replaced when given. */
export const createRules = operationRules<RuleAnswers['enfuce'], operations>(enfuceResponses)(CREATE, (body, detail: string) => {
  body.detail = detail;
});

const notFoundDetail = (enfuceResponses.example(CREATE, 404, 'CUSTOMER_NOT_FOUND').body as Problem).detail ?? '';

/** CUSTOMER_NOT_FOUND, its detail naming the customer asked for where the example names its sample ID. */
export function customerNotFound(customerId: string) {
  return createRules.refuse('enfuce.create.customer-exists', notFoundDetail.replace(/\d+/, () => customerId));
}

const exampleDetail = (enfuceResponses.example(CREATE, 400, 'INVALID_EMBOSSING_CHARACTER').body as Problem).detail ?? '';
const CHARACTER_SET_MESSAGE = exampleDetail.slice(exampleDetail.indexOf(': ') + 2);

/**
 * How a request problem reads in a problem+json `detail`: `<field>: <what is wrong>`, the field
 * named by its dotted path (`embossing.lastName`) so a client can point at it. A character outside
 * the embossing sets (the schema node names `enfuce.create.embossing-characters`) gets the wording
 * of the spec's INVALID_EMBOSSING_CHARACTER example, not the pattern it breaks.
 */
export function describeProblem(problem: RequestProblem): string {
  return `${problemField(problem)}: ${problem.rule === 'enfuce.create.embossing-characters' ? CHARACTER_SET_MESSAGE : problem.message}`;
}

export function rejectEnfuce(kind: RejectionKind, problems: RequestProblem[], _operationId?: string, rule?: string): MockResponse {
  const detail = problems.map(describeProblem).join('; ');
  switch (kind) {
    case 'unauthorized':
      // Enfuce accepts Bearer and Basic alike; the documented answer says so whatever was sent.
      return createRules.refuse(createRules.refusal(rule) ?? 'enfuce.create.credentials-required');
    case 'not-found':
      return createRules.refuse('enfuce.create.customer-exists', detail);
    case 'method-not-allowed': {
      // RFC 7807: a problem's `status` member repeats the HTTP status the engine sets (405).
      const response = createRules.refuse('enfuce.create.request-valid', detail);
      return { ...response, body: { ...response.body, status: 405, title: 'Method Not Allowed' } };
    }
    case 'invalid':
      // A character outside the embossing set, when it is all that is wrong, keeps its own example.
      return createRules.refuse(rule === 'enfuce.create.embossing-characters' ? rule : 'enfuce.create.request-valid', detail);
  }
}
