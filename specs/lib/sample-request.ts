/**
 * A valid request for an operation, built from the spec alone: parameter and body examples where
 * the spec has them, otherwise the simplest value the schema accepts, and placeholder credentials
 * of the operation's security scheme.
 */
import type { JsonSchema, OpenApiDocument } from './openapi-document.ts';
import { examplesOf, resolve, type OperationSpec } from './operations.ts';

export interface SampleRequest {
  method: string;
  /** Path relative to the server URL, parameters filled in and encoded, with query. */
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export function sampleValue(document: OpenApiDocument, schema: JsonSchema | undefined): unknown {
  const s = schema ? resolve<JsonSchema>(document, schema) : {};
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (s.format === 'date-time') return '2026-01-01T00:00:00Z';
      return 'sample';
  }
}

export function placeholderCredentials(op: OperationSpec): string | undefined {
  const scheme = op.security[0]?.[0]?.scheme;
  if (!scheme) return undefined;
  if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'basic') return `Basic ${btoa('sample:sample')}`;
  return 'Bearer sample-token';
}

export function sampleRequest(document: OpenApiDocument, op: OperationSpec): SampleRequest {
  const value = (name: string) => {
    const p = op.parameters.find((x) => x.name === name)!;
    if (p.example !== undefined) return p.example;
    // Named parameter examples are paired with the response examples; the first is the success case.
    const named = Object.values(p.examples ?? {}).map((e) => resolve<{ value?: unknown }>(document, e).value);
    return named[0] !== undefined ? named[0] : sampleValue(document, p.schema);
  };
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(value(name))));
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const p of op.parameters) {
    if (!p.required) continue;
    if (p.in === 'query') query.set(p.name, String(value(p.name)));
    if (p.in === 'header') headers[p.name.toLowerCase()] = String(value(p.name));
  }
  const credentials = placeholderCredentials(op);
  if (credentials) headers.authorization = credentials;
  let body: unknown;
  if (op.requestBody) {
    const [mediaType, media] = Object.entries(op.requestBody.content)[0] ?? [];
    if (mediaType && media) {
      const named = Object.values(media.examples ?? {}).map((e) => resolve(document, e).value);
      body = named[0] ?? media.example ?? sampleValue(document, media.schema);
      headers['content-type'] = mediaType;
    }
  }
  const qs = query.toString();
  return { method: op.method.toUpperCase(), path: qs ? `${path}?${qs}` : path, headers, ...(body !== undefined ? { body } : {}) };
}

/** The lowest documented 2xx status of an operation. */
export function successStatus(op: OperationSpec): number {
  const ok = op.responses.map((r) => r.status).filter((s) => s >= 200 && s < 300).sort();
  if (ok.length === 0) throw new Error(`${op.spec} ${op.operationId} documents no 2xx`);
  return ok[0]!;
}

export { examplesOf };
