/**
 * `requestMatchesSpec`: the request a client sent is one the spec allows (path, query and header
 * parameters, content type, body schema). Scenarios build valid requests themselves; this check is
 * for traffic someone else sent (`cardmock proxy`), where the client can be the party at fault.
 * Validators come from the spec through the same ajv registry as the response checks.
 */
import type { JsonSchema } from '../../specs/lib/openapi-document.ts';
import type { OperationSpec } from '../../specs/lib/operations.ts';
import { createSchemaRegistry, type SchemaRegistry } from '../../specs/lib/schema-registry.ts';
import { defineCheck } from './checks/check.ts';
import { matchOperation } from './match-operation.ts';
import { validateBody, vendorSpec } from './spec-index.ts';
import { schemaErrorBasis } from './inferred.ts';

type Location = 'path' | 'query' | 'header';
const LOCATIONS: Location[] = ['path', 'query', 'header'];
const HINT = 'The client sent a request the spec forbids: fix the caller; a documented 4xx is the right answer to it.';

// Parameters arrive as text: their registry coerces to the schema's type, as the mocks' router does.
const paramRegistries = new Map<string, SchemaRegistry>();
const paramSchemas = new WeakMap<OperationSpec, Record<Location, JsonSchema>>();

function paramSchemasOf(op: OperationSpec): Record<Location, JsonSchema> {
  let schemas = paramSchemas.get(op);
  if (!schemas) {
    const build = (location: Location): JsonSchema => {
      const params = op.parameters.filter((p) => p.in === location);
      const key = (name: string) => (location === 'header' ? name.toLowerCase() : name);
      return { type: 'object', properties: Object.fromEntries(params.map((p) => [key(p.name), p.schema ?? {}])), required: params.filter((p) => p.required).map((p) => key(p.name)) };
    };
    schemas = { path: build('path'), query: build('query'), header: build('header') };
    paramSchemas.set(op, schemas);
  }
  return schemas;
}

function paramRegistry(vendor: string): SchemaRegistry {
  let registry = paramRegistries.get(vendor);
  if (!registry) {
    registry = createSchemaRegistry(vendorSpec(vendor).document, `${vendor}-params`, { coerceTypes: true, allErrors: true, verbose: true });
    paramRegistries.set(vendor, registry);
  }
  return registry;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export const requestMatchesSpec = defineCheck('requestMatchesSpec', ({ operation: op, request }) => {
  const q = request.url.indexOf('?');
  const path = q < 0 ? request.url : request.url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : request.url.slice(q + 1));
  const matched = matchOperation(op.spec, request.method, path);
  const values: Record<Location, Record<string, unknown>> = {
    path: Object.fromEntries(Object.entries(matched?.pathParams ?? {}).map(([k, v]) => [k, decode(v)])),
    query: Object.fromEntries([...query.keys()].map((k) => [k, query.get(k)])),
    header: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const failures = [];
  const inferredParam = (location: Location, field: string) =>
    op.parameters.some((p) => p.in === location && p.name.toLowerCase() === field.toLowerCase() && p['x-inferred'] === true)
      ? { part: `${op.spec} ${op.operationId} ${location} parameter ${field}`, why: `the ${location} parameter ${field} is cardmock's addition` }
      : undefined;
  for (const location of LOCATIONS) {
    const validate = paramRegistry(op.spec).validator(paramSchemasOf(op)[location]);
    if (validate(structuredClone(values[location]))) continue;
    for (const e of validate.errors ?? []) {
      const field = (e.params as { missingProperty?: string }).missingProperty ?? e.instancePath.split('/')[1] ?? '';
      failures.push({ expected: `${location} ${field}: valid`, actual: `${field} ${e.message ?? 'is invalid'}`, hint: HINT, inferred: inferredParam(location, field) ?? schemaErrorBasis(vendorSpec(op.spec).inferred, e) });
    }
  }
  const media = op.requestBody?.content ?? {};
  const text = request.body ?? '';
  if (op.requestBody && text.trim() === '') {
    if (op.requestBody.required) failures.push({ expected: 'a request body', actual: '(empty)', hint: HINT });
  } else if (op.requestBody) {
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const mediaType = Object.keys(media).find((m) => m.toLowerCase() === contentType);
    if (!mediaType) {
      failures.push({ expected: `content-type ${Object.keys(media).join(' or ')}`, actual: contentType || '(none)', hint: HINT });
    } else if (/json/i.test(mediaType) && media[mediaType]?.schema && !request.truncated) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        failures.push({ expected: 'a JSON body', actual: 'invalid JSON', hint: HINT });
        return failures;
      }
      for (const e of validateBody(op.spec, media[mediaType]!.schema!)(body).errors) {
        failures.push({ expected: `body ${e.instancePath || '(root)'}: valid`, actual: `${e.instancePath || 'body'} ${e.message ?? 'is invalid'}`, hint: HINT, inferred: e.inferred });
      }
    }
  }
  return failures;
});
