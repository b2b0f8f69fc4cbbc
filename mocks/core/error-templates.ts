/**
 * One factory for every vendor's documented errors. A template is a named example of the spec, and
 * its name is typed by the generated `ExampleNames` of that operation and status: a name the
 * status does not hold does not compile (`paysafeError(404, 'ALREADY_ASSIGNED_CARD')`), and no
 * vendor restates its template names by hand.
 */
import type { DocumentedResponses } from './documented-responses.ts';

/** Per operation, per status, the union of its example names (generated/examples.ts). */
export type OperationExamples = Record<string, Record<number, string>>;

export interface TemplateResponse<S extends number, Body> {
  status: S;
  headers: Record<string, string>;
  body: Body;
}

/** `template(operationId, status, name)`: a fresh copy of that example as a response. */
export function errorTemplates<Ops extends OperationExamples, Body>(responses: DocumentedResponses) {
  return <Op extends keyof Ops & string, S extends keyof Ops[Op] & number>(operationId: Op, status: S, name: Ops[Op][S]): TemplateResponse<S, Body> => {
    const response = responses.example(operationId, status, name);
    return { status, headers: response.headers, body: response.body as Body };
  };
}
