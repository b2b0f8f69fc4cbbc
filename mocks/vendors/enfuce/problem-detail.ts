/**
 * How a request problem reads in a problem+json `detail`: `<field>: <what is wrong>`, the field
 * named by its dotted path (`embossing.lastName`) so a client can point at it.
 *
 * A character outside Enfuce's embossing set (seed 002; the schema node names the rule
 * `enfuce.create.embossing-characters`) would otherwise read as the pattern it breaks; it gets the
 * wording of the spec's INVALID_EMBOSSING_CHARACTER example instead.
 */
import type { RequestProblem } from '../../core/types.ts';
import { CREATE, enfuceResponses } from './responses.ts';

const exampleDetail = (enfuceResponses.example(CREATE, 400, 'INVALID_EMBOSSING_CHARACTER').body as { detail: string }).detail;
const CHARACTER_SET_MESSAGE = exampleDetail.slice(exampleDetail.indexOf(': ') + 2);

export function describeProblem(problem: RequestProblem): string {
  const field = problem.field || (problem.in === 'body' ? 'body' : problem.in);
  return `${field}: ${problem.rule === 'enfuce.create.embossing-characters' ? CHARACTER_SET_MESSAGE : problem.message}`;
}
