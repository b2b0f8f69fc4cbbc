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

/** The 4xx and 5xx among a set of statuses: an error factory never answers a success. */
export type ErrorStatus<S> = S extends number ? (`${S}` extends `4${string}` | `5${string}` ? S : never) : never;

/**
 * A vendor's error factory for one operation: `error(status, name, occurrence?)` answers the named
 * example of that status, and `fill` writes what is specific to this occurrence (a detail, the
 * field errors) into the copy. `Ops` and `Body` come from generated/, so a wrong status/name pair
 * or a success status does not compile.
 */
export function operationErrors<Ops extends OperationExamples, Body>(responses: DocumentedResponses) {
  return <Op extends keyof Ops & string, Occurrence = never>(operationId: Op, fill?: (body: Body, occurrence: Occurrence) => void) =>
    <S extends ErrorStatus<keyof Ops[Op]>>(status: S, name: Ops[Op][S], occurrence?: Occurrence): TemplateResponse<S, Body> => {
      const example = responses.example(operationId, status, name);
      const response = { status, headers: example.headers, body: example.body as Body };
      if (occurrence !== undefined && fill) fill(response.body, occurrence);
      return response;
    };
}
