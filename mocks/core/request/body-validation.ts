/**
 * The JSON request body of one operation: present when required, of a media type the spec lists,
 * parseable, and valid against the spec's schema.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../../../specs/lib/openapi-document.ts';
import type { OperationSpec } from '../../../specs/lib/operations.ts';
import type { SchemaRegistry } from '../../../specs/lib/schema-registry.ts';
import type { MockRequest, RequestProblem } from '../types.ts';
import { lazy } from './lazy.ts';
import { schemaProblems, type BranchValidator } from './schema-problems.ts';

export interface BodyRules {
  requestBody: NonNullable<OperationSpec['requestBody']>;
  mediaTypes: string[];
  /** The schema of the first JSON media type, compiled on first use; undefined when none is given. */
  validator: (() => ValidateFunction) | undefined;
  /** Validators of the branches of its alternatives, for wording what a failing body is closest to. */
  branches: BranchValidator;
}

/** The body rules of an operation, or undefined when it takes no body. */
export function compileBody(spec: OperationSpec, bodies: SchemaRegistry): BodyRules | undefined {
  if (!spec.requestBody) return undefined;
  const media = spec.requestBody.content ?? {};
  const jsonMediaTypes = Object.keys(media).filter((m) => /json/i.test(m));
  const schema = jsonMediaTypes.length > 0 ? media[jsonMediaTypes[0]!]?.schema : undefined;
  return {
    requestBody: spec.requestBody,
    mediaTypes: Object.keys(media),
    validator: schema ? lazy(() => bodies.validator(schema)) : undefined,
    branches: (branch) => bodies.validator(branch as JsonSchema),
  };
}

/** The parsed body (undefined when absent or unreadable), and what the spec forbids in it. */
export function readBody(request: MockRequest, rules: BodyRules | undefined): { body: unknown; problems: RequestProblem[] } {
  if (!rules) return { body: undefined, problems: [] };
  if (request.bodyError) return { body: undefined, problems: [{ in: 'body', field: '', message: request.bodyError }] };
  if ((request.body ?? '').trim() === '') {
    return { body: undefined, problems: rules.requestBody.required ? [{ in: 'body', field: '', message: 'is required' }] : [] };
  }
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!rules.mediaTypes.some((m) => m.toLowerCase() === contentType)) {
    const message = `must be ${rules.mediaTypes.join(' or ')}${contentType ? `, not ${contentType}` : ''}`;
    return { body: undefined, problems: [{ in: 'header', field: 'content-type', message }] };
  }
  return parseJsonBody(request.body!, rules.validator?.(), rules.branches);
}

function parseJsonBody(text: string, validate: ValidateFunction | undefined, branches: BranchValidator): { body: unknown; problems: RequestProblem[] } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { body: undefined, problems: [{ in: 'body', field: '', message: 'is not valid JSON' }] };
  }
  if (!validate || validate(body)) return { body, problems: [] };
  return { body, problems: schemaProblems('body', validate.errors ?? [], branches) };
}
