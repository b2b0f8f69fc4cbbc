/**
 * Response types derived from openapi-typescript's `operations`: an operation may only return a
 * status its spec documents, with that status's body. A mock answer the spec forbids is a type
 * error.
 */
import type { MockResponse } from '../types.ts';

type ResponsesOf<Op> = Op extends { responses: infer R } ? R : never;
type BodyOf<R> = R extends { content: infer C } ? C[keyof C] : undefined;

export type OperationResponse<Op> = {
  [S in keyof ResponsesOf<Op>]: Omit<MockResponse, 'status' | 'body'> & {
    status: S;
    body: BodyOf<ResponsesOf<Op>[S]>;
  };
}[keyof ResponsesOf<Op>];

type ParametersIn<Op, In extends 'path' | 'query' | 'header'> = Op extends { parameters: infer P }
  ? In extends keyof P
    ? [NonNullable<P[In]>] extends [never]
      ? {}
      : NonNullable<P[In]>
    : {}
  : {};

/** The path, query and header parameters of an operation, typed from the generated `operations` (validated and coerced before the domain). */
export type ParametersOf<Op> = { path: ParametersIn<Op, 'path'>; query: ParametersIn<Op, 'query'>; header: ParametersIn<Op, 'header'> };

export type RequestBodyOf<Op> = Op extends { requestBody?: { content: infer C } } ? C[keyof C] : undefined;

export type ResponseBodyOf<Op, S extends keyof ResponsesOf<Op>> = BodyOf<ResponsesOf<Op>[S]>;
