/**
 * The control spec's examples agree with each other and with the control API: each named response
 * example, sent as the request examples of the same name (path, query and header parameters, body)
 * to a control API as it starts, gets the example's status and a body of its schema — what a
 * contract tool (Specmatic: `java -jar specmatic.jar test specs/cardmock-control.openapi.yaml
 * --testBaseURL=<serve url>`) makes of them.
 */
import { describe, expect, it } from 'vitest';
import { documents } from '../../generated/documents.ts';
import { operationsOf, resolve, type OperationSpec } from '../../specs/lib/operations.ts';
import { createSchemaRegistry } from '../../specs/lib/schema-registry.ts';
import { createApp } from '../app/create-app.ts';

const control = documents['cardmock-control'];
const registry = createSchemaRegistry(control, 'control-examples');

/** The value of the example `name` on a parameter or media type, if it has one. */
const exampleValue = (node: { examples?: Record<string, unknown> }, name: string) => {
  const named = node.examples?.[name];
  return named === undefined ? undefined : resolve<{ value: unknown }>(control, named as never).value;
};

function pairs(op: OperationSpec) {
  return op.responses.flatMap((response) =>
    Object.entries(response.content).flatMap(([, media]) => Object.keys(media.examples ?? {}).map((name) => ({ name, status: response.status, schema: media.schema! }))),
  );
}

function exampleRequest(op: OperationSpec, name: string) {
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const parameter of op.parameters) {
    const value = exampleValue(parameter, name);
    if (value === undefined) continue;
    if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(value)));
    if (parameter.in === 'query') query.set(parameter.name, String(value));
    if (parameter.in === 'header') headers[parameter.name.toLowerCase()] = String(value);
  }
  const [mediaType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
  const body = media ? exampleValue(media, name) : undefined;
  if (body !== undefined) headers['content-type'] = mediaType!;
  return { method: op.method.toUpperCase(), path, query, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) };
}

describe('the control spec\'s paired examples, sent to the control API', () => {
  const cases = operationsOf(control, 'cardmock-control').flatMap((op) => pairs(op).map((pair) => [`${op.operationId} ${pair.name}`, op, pair] as const));

  it('are there, for every operation', () => {
    expect(new Set(cases.map(([, op]) => op.operationId)).size).toBe(operationsOf(control, 'cardmock-control').length);
  });

  it.each(cases)('%s', async (_name, op, { name, status, schema }) => {
    const response = await createApp({}).handle(exampleRequest(op, name));
    expect(response.status).toBe(status);
    let body = response.body;
    if (response.stream) {
      let text = '';
      for await (const piece of response.stream()) text += piece;
      body = JSON.parse(text);
    }
    const validate = registry.validator(schema);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  });
});
