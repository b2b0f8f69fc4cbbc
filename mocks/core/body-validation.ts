/**
 * The JSON request body of one operation: present when required, of a media type the spec lists,
 * parseable, and valid against the spec's schema.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { OperationSpec } from '../../specs/lib/operations.ts';
import { fieldOf, type SchemaRegistry } from '../../specs/lib/schema-registry.ts';
import type { RequestProblem } from './compile-operation.ts';
import { lazy } from './lazy.ts';
import type { MockRequest } from './types.ts';

export interface BodyRules {
  requestBody: NonNullable<OperationSpec['requestBody']>;
  mediaTypes: string[];
  /** The schema of the first JSON media type, compiled on first use; undefined when none is given. */
  validator: (() => ValidateFunction) | undefined;
}

/** The body rules of an operation, or undefined when it takes no body. */
export function compileBody(spec: OperationSpec, bodies: SchemaRegistry): BodyRules | undefined {
  if (!spec.requestBody) return undefined;
  const media = spec.requestBody.content ?? {};
  const jsonMediaTypes = Object.keys(media).filter((m) => /json/i.test(m));
  const schema = jsonMediaTypes.length > 0 ? media[jsonMediaTypes[0]!]?.schema : undefined;
  return { requestBody: spec.requestBody, mediaTypes: Object.keys(media), validator: schema ? lazy(() => bodies.validator(schema)) : undefined };
}

/** The parsed body (undefined when absent or unreadable), and what the spec forbids in it. */
export function readBody(request: MockRequest, rules: BodyRules | undefined): { body: unknown; problems: RequestProblem[] } {
  if (!rules) return { body: undefined, problems: [] };
  if (request.bodyError) return { body: undefined, problems: [{ in: 'body', field: '', message: request.bodyError }] };
  if ((request.body ?? '').trim() === '') {
    return { body: undefined, problems: rules.requestBody.required ? [{ in: 'body', field: '', message: 'request body is required' }] : [] };
  }
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!rules.mediaTypes.some((m) => m.toLowerCase() === contentType)) {
    const message = `must be ${rules.mediaTypes.join(' or ')}${contentType ? `, not ${contentType}` : ''}`;
    return { body: undefined, problems: [{ in: 'header', field: 'content-type', message }] };
  }
  return parseJsonBody(request.body!, rules.validator?.());
}

function parseJsonBody(text: string, validate: ValidateFunction | undefined): { body: unknown; problems: RequestProblem[] } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { body: undefined, problems: [{ in: 'body', field: '', message: 'is not valid JSON' }] };
  }
  if (!validate || validate(body)) return { body, problems: [] };
  return { body, problems: (validate.errors ?? []).map(bodyProblem) };
}

/**
 * A failing schema node that names a rule of the catalogue (`x-cardmock-rule`) is answered as that
 * rule; a value of another type breaks the documented types (the `request-invalid` rule), not the
 * rule the node adds (a number is not text with a character outside the embossing set).
 */
function bodyProblem(error: ErrorObject): RequestProblem {
  const named = (error.parentSchema as { 'x-cardmock-rule'?: unknown } | undefined)?.['x-cardmock-rule'];
  const rule = error.keyword === 'type' ? undefined : named;
  return { in: 'body', field: fieldOf(error), message: error.message ?? 'is invalid', ...(typeof rule === 'string' ? { rule } : {}) };
}
