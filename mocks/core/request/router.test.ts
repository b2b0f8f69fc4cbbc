/**
 * One operation compiled from an inline spec: what a request's parameters and body become, and the
 * problems the spec forbids, in the order they are reported; and where a request is routed.
 */
import { describe, expect, it } from 'vitest';
import type { OperationSpec } from '../../../specs/lib/operations.ts';
import type { OpenApiDocument } from '../../../specs/lib/openapi-document.ts';
import { createSchemaRegistry } from '../../../specs/lib/schema-registry.ts';
import { compileOperation, route } from './router.ts';
import type { MockRequest } from '../types.ts';

const document = { openapi: '3.1.0', info: { title: 'test', version: '1' }, paths: {}, components: {} } as unknown as OpenApiDocument;
const spec: OperationSpec = {
  spec: 'test',
  operationId: 'redeemVoucher',
  method: 'post',
  path: '/vouchers/{voucherId}/redeem',
  summary: '',
  parameters: [
    { name: 'voucherId', in: 'path', required: true, schema: { type: 'string', pattern: '^V[0-9]+$' } },
    { name: 'limit', in: 'query', schema: { type: 'integer' } },
    { name: 'X-Channel', in: 'header', required: true, schema: { type: 'string' } },
  ],
  requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['amount'], properties: { amount: { type: 'number' } } } } } },
  responses: [],
  security: [],
  rules: [],
} as OperationSpec;
const operation = compileOperation(spec, createSchemaRegistry(document, 'p', { coerceTypes: true }), createSchemaRegistry(document, 'b', { verbose: true }));

const request = (path: string, overrides: Partial<MockRequest> = {}): MockRequest => ({
  method: 'POST',
  path,
  query: new URLSearchParams(),
  headers: { 'content-type': 'application/json', 'x-channel': 'web' },
  body: '{"amount": 5}',
  ...overrides,
});
const validate = (path: string, overrides: Partial<MockRequest> = {}) => operation.validate(request(path, overrides), operation.match(path)!);

describe('compileOperation', () => {
  it('matches its path, with or without a trailing slash, and no other', () => {
    expect(operation.match('/vouchers/V%31/redeem/')).toEqual({ voucherId: 'V%31' });
    expect(operation.match('/vouchers/V1/redeem/more')).toBeUndefined();
  });

  it('decodes path parameters, coerces query values, lower-cases header names and parses the body', () => {
    expect(validate('/vouchers/V%31/redeem', { query: new URLSearchParams('limit=3') })).toEqual({
      request: { path: { voucherId: 'V1' }, query: { limit: 3 }, header: { 'x-channel': 'web' }, body: { amount: 5 } },
      problems: [],
    });
  });

  it.each<[string, string, Partial<MockRequest>, object[]]>([
    ['a bad percent-encoding', '/vouchers/V%E0/redeem', {}, [{ in: 'path', field: 'voucherId', message: 'is not a valid percent-encoded value' }, { in: 'path', field: 'voucherId' }]],
    ['a repeated query parameter', '/vouchers/V1/redeem', { query: new URLSearchParams('limit=1&limit=2') }, [{ in: 'query', field: 'limit', message: 'must appear at most once' }]],
    ['a missing required header', '/vouchers/V1/redeem', { headers: { 'content-type': 'application/json' } }, [{ in: 'header' }]],
    ['no body', '/vouchers/V1/redeem', { body: undefined }, [{ in: 'body', field: '', message: 'is required' }]],
    ['another media type', '/vouchers/V1/redeem', { headers: { 'content-type': 'text/plain', 'x-channel': 'web' } }, [{ in: 'header', field: 'content-type', message: 'must be application/json, not text/plain' }]],
    ['a body that is not JSON', '/vouchers/V1/redeem', { body: '{' }, [{ in: 'body', field: '', message: 'is not valid JSON' }]],
    ['a body against its schema', '/vouchers/V1/redeem', { body: '{"amount": "x"}' }, [{ in: 'body', field: 'amount' }]],
  ])('reports %s', (_, path, overrides, problems) => {
    expect(validate(path, overrides).problems).toEqual(problems.map((p) => expect.objectContaining(p)));
  });
});

describe('route', () => {
  const registry = createSchemaRegistry(document, 'r');
  const read = compileOperation({ ...spec, operationId: 'readVoucher', method: 'get', requestBody: undefined, parameters: [spec.parameters[0]!] } as OperationSpec, registry, registry);
  const operations = [operation, read];

  it.each<[string, string, string, object]>([
    ['the operation at its method and path', 'GET', '/vouchers/V1/redeem', { operation: read, params: { voucherId: 'V1' } }],
    ['whatever the case of the method', 'post', '/vouchers/V1/redeem', { operation, params: { voucherId: 'V1' } }],
    ['the methods its path takes, for another method', 'DELETE', '/vouchers/V1/redeem', { allowed: ['POST', 'GET'] }],
    ['no method at all for an unknown path', 'GET', '/vouchers', { allowed: [] }],
  ])('gives %s', (_, method, path, expected) => {
    expect(route(operations, method, path)).toEqual(expected);
  });
});
