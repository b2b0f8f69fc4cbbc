/** What specs/enfuce.openapi.yaml documents for its one operation: ready answers and request examples. */
import { documents } from '../../../generated/documents.ts';
import type { ExampleObject } from '../../../specs/lib/openapi-document.ts';
import { resolve } from '../../../specs/lib/operations.ts';
import { documentedResponses } from '../../core/responses/documented-responses.ts';

export const enfuceResponses = documentedResponses(documents.enfuce, 'enfuce');
export const CREATE = 'createMultiApplicationCard' as const;

/** A named request example of the spec: the body the vendor's own docs would send. */
export function requestExample<Body>(name: string): Body {
  const examples = enfuceResponses.operation(CREATE).requestBody?.content['application/json']?.examples ?? {};
  const example = examples[name];
  if (!example) throw new Error(`enfuce ${CREATE} has no request example ${name}`);
  return structuredClone(resolve<ExampleObject>(documents.enfuce, example).value) as Body;
}
