/**
 * How a request problem reads in a problem+json `detail`: `<field>: <what is wrong>`, the field
 * named by its dotted path (`embossing.lastName`) so a client can point at it.
 *
 * A character outside Enfuce's default embossing set (seed 002) would otherwise read as ajv's
 * `must match pattern "^[A-Za-zÁá…"`; it gets the wording of the spec's INVALID_EMBOSSING_CHARACTER
 * example instead. Which fields are embossed is read off the spec's `Embossing` schema.
 */
import { documents } from '../../../generated/documents.ts';
import type { RequestProblem } from '../../core/compile-operation.ts';
import { resolve } from '../../../specs/lib/operations.ts';
import type { JsonSchema } from '../../../specs/lib/openapi-document.ts';
import { CREATE, enfuceResponses } from './responses.ts';

const EMBOSSED_TEXT = '#/components/schemas/EmbossedText';
const embossing = resolve<JsonSchema>(documents.enfuce, { $ref: '#/components/schemas/Embossing' });
const EMBOSSED_FIELDS = new Set(
  Object.entries(embossing.properties as Record<string, { $ref?: string }>)
    .filter(([, schema]) => schema.$ref === EMBOSSED_TEXT)
    .map(([name]) => `embossing.${name}`),
);

const exampleDetail = (enfuceResponses.example(CREATE, 400, 'INVALID_EMBOSSING_CHARACTER').body as { detail: string }).detail;
const CHARACTER_SET_MESSAGE = exampleDetail.slice(exampleDetail.indexOf(': ') + 2);

/** An embossed field with a character outside the default and printed-card sets. */
export function isEmbossingProblem(problem: RequestProblem): boolean {
  return problem.in === 'body' && EMBOSSED_FIELDS.has(problem.field) && problem.message.startsWith('must match pattern');
}

export function describeProblem(problem: RequestProblem): string {
  const field = problem.field || (problem.in === 'body' ? 'body' : problem.in);
  return `${field}: ${isEmbossingProblem(problem) ? CHARACTER_SET_MESSAGE : problem.message}`;
}
