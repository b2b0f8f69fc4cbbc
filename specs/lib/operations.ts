/**
 * The operations of a spec, with every `$ref` to parameters, request bodies and responses
 * resolved: the single place the rest of cardmock learns paths, methods, statuses and schemas.
 */
import {
  HTTP_METHODS,
  type HttpMethod,
  type MediaTypeObject,
  type OpenApiDocument,
  type ParameterObject,
  type RefObject,
  type ResponseObject,
  type SecuritySchemeObject,
} from './openapi-document.ts';
import { rulesOfOperation, type Rule } from './rules.ts';

export interface DocumentedResponse {
  status: number;
  description: string;
  /** Media type → body description; empty when the status has no body. */
  content: Record<string, MediaTypeObject>;
  /** Documented response headers by name. */
  headers: Record<string, unknown>;
  /** The vendor does not document this status; cardmock added it (see its description). */
  inferred: boolean;
}

export interface OperationSpec {
  /** Spec name, which is also the vendor's URL prefix (`pismo`, `exchange-solutions`, …). */
  spec: string;
  operationId: string;
  method: HttpMethod;
  /** Path template as in the spec, relative to the server URL (`/v2/card`). */
  path: string;
  summary: string;
  parameters: ParameterObject[];
  requestBody?: { required: boolean; content: Record<string, MediaTypeObject> };
  responses: DocumentedResponse[];
  /** Alternatives, each a set of schemes that must all pass (OpenAPI semantics). */
  security: { name: string; scheme: SecuritySchemeObject }[][];
  /** The operation's rules catalogue (`x-cardmock-rules`). */
  rules: Rule[];
}

export function isRef(value: unknown): value is RefObject {
  return typeof value === 'object' && value !== null && '$ref' in value;
}

/** Resolve a local `$ref` (`#/components/...`) against the document, following chains. */
export function resolve<T>(document: OpenApiDocument, value: T | RefObject): T {
  let current: unknown = value;
  for (let hops = 0; isRef(current); hops++) {
    if (hops > 16) throw new Error(`$ref cycle at ${current.$ref}`);
    const ref: string = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
    if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return current as T;
}

/** The vendor a spec describes, or undefined for cardmock's own control spec. */
export function vendorOf(document: OpenApiDocument): string | undefined {
  return document.info['x-cardmock-vendor'];
}

export function operationsOf(document: OpenApiDocument, spec: string): OperationSpec[] {
  const operations: OperationSpec[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const shared = (item.parameters ?? []).map((p) => resolve<ParameterObject>(document, p));
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const own = (op.parameters ?? []).map((p) => resolve<ParameterObject>(document, p));
      const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      const body = op.requestBody ? resolve(document, op.requestBody) : undefined;
      const schemes = document.components?.securitySchemes ?? {};
      const requirements = op.security ?? document.security ?? [];
      operations.push({
        spec,
        operationId: op.operationId ?? `${method} ${path}`,
        method,
        path,
        summary: op.summary ?? '',
        parameters,
        ...(body ? { requestBody: { required: body.required ?? false, content: body.content } } : {}),
        responses: Object.entries(op.responses).map(([status, r]) => {
          const response = resolve<ResponseObject>(document, r);
          return {
            status: Number(status),
            description: response.description,
            content: response.content ?? {},
            headers: response.headers ?? {},
            inferred: response['x-inferred'] === true,
          };
        }),
        security: requirements.map((requirement) =>
          Object.keys(requirement).map((name) => {
            const scheme = schemes[name];
            if (!scheme) throw new Error(`${spec}: unknown security scheme ${name}`);
            return { name, scheme };
          }),
        ),
        rules: rulesOfOperation(op),
      });
    }
  }
  return operations;
}

/** The named examples of one response status, flattened (`{name, value, inferred}`). */
export function examplesOf(
  document: OpenApiDocument,
  response: DocumentedResponse,
): { name: string; mediaType: string; value: unknown; inferred: boolean }[] {
  const out: { name: string; mediaType: string; value: unknown; inferred: boolean }[] = [];
  for (const [mediaType, media] of Object.entries(response.content)) {
    for (const [name, ex] of Object.entries(media.examples ?? {})) {
      const example = resolve(document, ex);
      out.push({ name, mediaType, value: example.value, inferred: example['x-inferred'] === true });
    }
  }
  return out;
}
