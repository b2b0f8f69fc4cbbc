/**
 * Compiles one spec operation into a path matcher and request validators (ajv), once, at start-up.
 * A request the spec forbids is described as a list of problems; it never reaches the domain.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { OperationSpec } from '../../specs/lib/operations.ts';
import type { JsonSchema, ParameterObject } from '../../specs/lib/openapi-document.ts';
import { fieldOf, type SchemaRegistry } from '../../specs/lib/schema-registry.ts';
import type { MockRequest } from './types.ts';

export type ParameterLocation = 'path' | 'query' | 'header';

export interface RequestProblem {
  in: ParameterLocation | 'body';
  /** Dotted field path (`physicalCards.0.loyaltyId`), the parameter or header name, or '' for the whole body. */
  field: string;
  message: string;
  /**
   * The vendor's named example that answers this problem, where the spec's failing schema rule
   * names one (`x-cardmock-answer`): a documented rule the schema expresses keeps its documented
   * message.
   */
  answer?: string;
}

export interface ValidatedRequest<Body = unknown> {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  body: Body;
}

export interface CompiledOperation {
  spec: OperationSpec;
  /** Path parameters (still percent-encoded) when `path` is this operation's path, else undefined. */
  match(path: string): Record<string, string> | undefined;
  validate(request: MockRequest, rawPathParams: Record<string, string>): { request: ValidatedRequest; problems: RequestProblem[] };
}

const LOCATIONS: ParameterLocation[] = ['path', 'query', 'header'];

export function compileOperation(
  spec: OperationSpec,
  params: SchemaRegistry,
  bodies: SchemaRegistry,
): CompiledOperation {
  const names: string[] = [];
  const pattern = new RegExp(
    '^' +
      spec.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      }) +
      '/?$',
  );

  // Validators are compiled on first use, so start-up does not pay for operations nobody calls.
  const byLocation = new Map<ParameterLocation, { parameters: ParameterObject[]; validate: () => ValidateFunction }>();
  for (const location of LOCATIONS) {
    const parameters = spec.parameters.filter((p) => p.in === location);
    const key = (p: ParameterObject) => (location === 'header' ? p.name.toLowerCase() : p.name);
    const schema: JsonSchema = {
      type: 'object',
      properties: Object.fromEntries(parameters.map((p) => [key(p), p.schema ?? {}])),
      required: parameters.filter((p) => p.required).map(key),
    };
    byLocation.set(location, { parameters, validate: lazy(() => params.validator(schema)) });
  }

  const media = spec.requestBody?.content ?? {};
  const jsonMediaTypes = Object.keys(media).filter((m) => /json/i.test(m));
  const bodySchema = jsonMediaTypes.length > 0 ? media[jsonMediaTypes[0]!]?.schema : undefined;
  const bodyValidator = bodySchema ? lazy(() => bodies.validator(bodySchema)) : undefined;

  return {
    spec,
    match(path) {
      const m = pattern.exec(path);
      if (!m) return undefined;
      return Object.fromEntries(names.map((name, i) => [name, m[i + 1]!]));
    },
    validate(request, rawPathParams) {
      const problems: RequestProblem[] = [];
      const values: Record<ParameterLocation, Record<string, unknown>> = { path: {}, query: {}, header: {} };

      for (const [name, raw] of Object.entries(rawPathParams)) {
        try {
          values.path[name] = decodeURIComponent(raw);
        } catch {
          problems.push({ in: 'path', field: name, message: 'is not a valid percent-encoded value' });
          values.path[name] = raw;
        }
      }
      for (const p of byLocation.get('query')!.parameters) {
        const all = request.query.getAll(p.name);
        if (all.length > 1 && (p.schema as { type?: unknown } | undefined)?.type !== 'array') {
          problems.push({ in: 'query', field: p.name, message: 'must appear at most once' });
        }
        if (all.length > 0) values.query[p.name] = all[0];
      }
      for (const p of byLocation.get('header')!.parameters) {
        const v = request.headers[p.name.toLowerCase()];
        if (v !== undefined) values.header[p.name.toLowerCase()] = v;
      }
      for (const location of LOCATIONS) {
        const validate = byLocation.get(location)!.validate();
        if (!validate(values[location])) {
          for (const error of validate.errors ?? []) {
            problems.push({ in: location, field: fieldOf(error), message: error.message ?? 'is invalid' });
          }
        }
      }

      let body: unknown;
      if (spec.requestBody) {
        const text = request.body ?? '';
        if (request.bodyError) {
          problems.push({ in: 'body', field: '', message: request.bodyError });
        } else if (text.trim() === '') {
          if (spec.requestBody.required) problems.push({ in: 'body', field: '', message: 'request body is required' });
        } else {
          const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
          if (!Object.keys(media).some((m) => m.toLowerCase() === contentType)) {
            problems.push({
              in: 'header',
              field: 'content-type',
              message: `must be ${Object.keys(media).join(' or ')}${contentType ? `, not ${contentType}` : ''}`,
            });
          } else {
            try {
              body = JSON.parse(text);
            } catch {
              problems.push({ in: 'body', field: '', message: 'is not valid JSON' });
            }
            const validateBody = bodyValidator?.();
            if (problems.every((p) => p.in !== 'body') && validateBody && !validateBody(body)) {
              for (const error of validateBody.errors ?? []) {
                const answer = (error.parentSchema as { 'x-cardmock-answer'?: unknown } | undefined)?.['x-cardmock-answer'];
                problems.push({ in: 'body', field: fieldOf(error), message: error.message ?? 'is invalid', ...(typeof answer === 'string' ? { answer } : {}) });
              }
            }
          }
        }
      }
      return { request: { ...values, body }, problems };
    },
  };
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
