/**
 * Compiles one spec operation into a path matcher and request validators (ajv), once, at start-up.
 * A request the spec forbids is described as a list of problems; it never reaches the domain.
 */
import type { OperationSpec } from '../../specs/lib/operations.ts';
import type { SchemaRegistry } from '../../specs/lib/schema-registry.ts';
import { compileBody, readBody } from './body-validation.ts';
import { compileParameters, readParameters } from './parameter-validation.ts';
import { pathMatcher } from './path-matcher.ts';
import type { MockRequest } from './types.ts';

export type ParameterLocation = 'path' | 'query' | 'header';

export interface RequestProblem {
  in: ParameterLocation | 'body';
  /** Dotted field path (`physicalCards.0.loyaltyId`), the parameter or header name, or '' for the whole body. */
  field: string;
  message: string;
  /**
   * The rule of the operation's catalogue this problem breaks, where the failing schema node names
   * one (`x-cardmock-rule`): a documented rule the schema expresses keeps its documented answer.
   */
  rule?: string;
}

export interface ValidatedRequest<Body = unknown> {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  body: Body;
}

export interface CompiledOperation {
  spec: OperationSpec;
  /** The ids of the operation's rules catalogue: an answer of a catalogued operation names one of them (or one of cardmock's own). */
  ruleIds: ReadonlySet<string>;
  /** Path parameters (still percent-encoded) when `path` is this operation's path, else undefined. */
  match(path: string): Record<string, string> | undefined;
  validate(request: MockRequest, rawPathParams: Record<string, string>): { request: ValidatedRequest; problems: RequestProblem[] };
}

export function compileOperation(
  spec: OperationSpec,
  params: SchemaRegistry,
  bodies: SchemaRegistry,
): CompiledOperation {
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
