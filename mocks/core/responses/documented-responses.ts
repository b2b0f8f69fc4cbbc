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
  /** The documented statuses (one list per operation, shared: do not change it). */
  statuses(operationId: string): readonly number[];
  /** The documented media type of a status, or undefined when it has no body. */
  contentType(operationId: string, status: number): string | undefined;
  /** A fresh copy of a named example as a response; the first example of the status when no name is given. */
  example(operationId: string, status: number, name?: string): MockResponse;
  exampleNames(operationId: string, status: number): string[];
}

export function documentedResponses(document: OpenApiDocument, spec: string): DocumentedResponses {
  const operations = operationsOf(document, spec);
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  // Answers are built from examples on the hot path: each named example is resolved once and kept
  // as JSON text, and every answer parses a fresh copy of it (examples are plain JSON).
  const answers = new Map<string, { contentType: string | undefined; json: string | undefined }>();
  const statusLists = new Map<string, number[]>();
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
    statuses(operationId) {
      let list = statusLists.get(operationId);
      if (!list) statusLists.set(operationId, (list = operation(operationId).responses.map((r) => r.status)));
      return list;
    },
    contentType: (operationId, status) => Object.keys(response(operationId, status).content)[0],
    exampleNames: (operationId, status) => examplesOf(document, response(operationId, status)).map((e) => e.name),
    example(operationId, status, name) {
      const key = `${operationId} ${status} ${name ?? ''}`;
      let answer = answers.get(key);
      if (!answer) {
        const r = response(operationId, status);
        const examples = examplesOf(document, r);
        const chosen = name === undefined ? examples[0] : examples.find((e) => e.name === name);
        if (name !== undefined && !chosen) throw new Error(`${spec} ${operationId} ${status} has no example ${name}`);
        answer = { contentType: Object.keys(r.content)[0], json: chosen === undefined ? undefined : JSON.stringify(chosen.value) };
        answers.set(key, answer);
      }
      return {
        status,
        headers: answer.contentType ? { 'content-type': answer.contentType } : ({} as Record<string, string>),
        body: answer.json === undefined ? undefined : JSON.parse(answer.json),
      };
    },
  };
}
