/**
 * The router of a spec, vendor's or control API's alike: each operation compiled once, at start-up,
 * into a path matcher and request validators (ajv); a request is routed to the operation at its
 * method and path, or told which methods its path takes. A request the spec forbids is described
 * as a list of problems; it never reaches the domain.
 */
import type { OpenApiDocument } from '../../../specs/lib/openapi-document.ts';
import type { OperationSpec } from '../../../specs/lib/operations.ts';
import { createSchemaRegistry, type SchemaRegistry } from '../../../specs/lib/schema-registry.ts';
import type { MockRequest, RequestProblem, ValidatedRequest } from '../types.ts';
import { compileBody, readBody } from './body-validation.ts';
import { compileParameters, readParameters } from './parameter-validation.ts';

export interface CompiledOperation {
  spec: OperationSpec;
  /** The ids of the operation's rules catalogue: an answer of a catalogued operation names one of them (or one of cardmock's own). */
  ruleIds: ReadonlySet<string>;
  /** Path parameters (still percent-encoded) when `path` is this operation's path, else undefined. */
  match(path: string): Record<string, string> | undefined;
  validate(request: MockRequest, rawPathParams: Record<string, string>): { request: ValidatedRequest; problems: RequestProblem[] };
}

/**
 * Where a request goes: its operation with the path parameters as matched (still percent-encoded),
 * or, when no operation is at its method and path, the methods its path takes (none: an unknown path).
 */
export type Routed = { operation: CompiledOperation; params: Record<string, string> } | { operation?: undefined; allowed: string[] };

/** The operations of a spec, compiled; `name` keys its schemas in ajv's cache. */
export function compileRouter(document: OpenApiDocument, name: string, operations: OperationSpec[]): CompiledOperation[] {
  const params = createSchemaRegistry(document, name, { coerceTypes: true });
  // verbose: a failing rule's parentSchema may name the documented answer (x-cardmock-rule).
  const bodies = createSchemaRegistry(document, name, { verbose: true });
  return operations.map((op) => compileOperation(op, params, bodies));
}

/** `path` is relative to the spec's base URL, without query. */
export function route(operations: readonly CompiledOperation[], method: string, path: string): Routed {
  const allowed: string[] = [];
  const wanted = method.toLowerCase();
  for (const operation of operations) {
    const params = operation.match(path);
    if (!params) continue;
    if (operation.spec.method === wanted) return { operation, params };
    allowed.push(operation.spec.method.toUpperCase());
  }
  return { allowed };
}

export function compileOperation(spec: OperationSpec, params: SchemaRegistry, bodies: SchemaRegistry): CompiledOperation {
  const parameterRules = compileParameters(spec, params);
  const bodyRules = compileBody(spec, bodies);
  return {
    spec,
    ruleIds: new Set(spec.rules.map((rule) => rule.id)),
    match: pathMatcher(spec.path),
    validate(request, rawPathParams) {
      const parameters = readParameters(request, rawPathParams, parameterRules);
      const { body, problems } = readBody(request, bodyRules);
      return { request: { ...parameters.values, body }, problems: [...parameters.problems, ...problems] };
    },
  };
}

/** A spec path (`/cards/{cardId}/bind`) as a matcher of request paths; a trailing slash is allowed. */
function pathMatcher(specPath: string): CompiledOperation['match'] {
  const names: string[] = [];
  const pattern = new RegExp(
    '^' +
      specPath.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      }) +
      '/?$',
  );
  return (path) => {
    const m = pattern.exec(path);
    if (!m) return undefined;
    return Object.fromEntries(names.map((name, i) => [name, m[i + 1]!]));
  };
}
