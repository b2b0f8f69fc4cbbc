/**
 * The responses a spec documents, as ready answers: an error template *is* the spec's named
 * example, so no code, message or status is restated outside specs/.
 */
import type { OpenApiDocument } from '../../../specs/lib/openapi-document.ts';
import { examplesOf, operationsOf, type OperationSpec } from '../../../specs/lib/operations.ts';
import type { MockResponse } from '../types.ts';

export interface DocumentedResponses {
  readonly operations: OperationSpec[];
  operation(operationId: string): OperationSpec;
  statuses(operationId: string): number[];
  /** The documented media type of a status, or undefined when it has no body. */
  contentType(operationId: string, status: number): string | undefined;
  /** A fresh copy of a named example as a response; the first example of the status when no name is given. */
  example(operationId: string, status: number, name?: string): MockResponse;
  exampleNames(operationId: string, status: number): string[];
}

export function documentedResponses(document: OpenApiDocument, spec: string): DocumentedResponses {
  const operations = operationsOf(document, spec);
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  // Error answers are built from examples on the hot path: resolve each status's examples once.
  const examplesCache = new Map<string, ReturnType<typeof examplesOf>>();
  const operation = (operationId: string): OperationSpec => {
    const op = byId.get(operationId);
    if (!op) throw new Error(`${spec} has no operation ${operationId}`);
    return op;
  };
  const response = (operationId: string, status: number) => {
    const r = operation(operationId).responses.find((x) => x.status === status);
    if (!r) throw new Error(`${spec} ${operationId} does not document ${status}`);
    return r;
  };
  return {
    operations,
    operation,
    statuses: (operationId) => operation(operationId).responses.map((r) => r.status),
    contentType: (operationId, status) => Object.keys(response(operationId, status).content)[0],
    exampleNames: (operationId, status) => examplesOf(document, response(operationId, status)).map((e) => e.name),
    example(operationId, status, name) {
      const r = response(operationId, status);
      const key = `${operationId} ${status}`;
      let examples = examplesCache.get(key);
      if (!examples) {
        examples = examplesOf(document, r);
        examplesCache.set(key, examples);
      }
      const chosen = name === undefined ? examples[0] : examples.find((e) => e.name === name);
      if (name !== undefined && !chosen) throw new Error(`${spec} ${operationId} ${status} has no example ${name}`);
      const contentType = Object.keys(r.content)[0];
      return {
        status,
        headers: contentType ? { 'content-type': contentType } : ({} as Record<string, string>),
        body: chosen === undefined ? undefined : structuredClone(chosen.value),
      };
    },
  };
}
