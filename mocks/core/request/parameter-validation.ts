/**
 * The path, query and header parameters of one operation: read from a request as the spec names
 * them, then checked against one object schema per location.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { OperationSpec } from '../../../specs/lib/operations.ts';
import type { JsonSchema, ParameterObject } from '../../../specs/lib/openapi-document.ts';
import type { SchemaRegistry } from '../../../specs/lib/schema-registry.ts';
import type { MockRequest, ParameterLocation, RequestProblem } from '../types.ts';
import { lazy } from './lazy.ts';
import { schemaProblems } from './schema-problems.ts';

export const LOCATIONS: ParameterLocation[] = ['path', 'query', 'header'];

export type ParameterValidators = Map<ParameterLocation, { parameters: ParameterObject[]; validate: () => ValidateFunction }>;
export type ParameterValues = Record<ParameterLocation, Record<string, unknown>>;

/** One lazily compiled object schema per location; header names are lower-cased, as requests carry them. */
export function compileParameters(spec: OperationSpec, params: SchemaRegistry): ParameterValidators {
  const byLocation: ParameterValidators = new Map();
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
  return byLocation;
}

/** The parameter values of a request, and what the spec forbids in them. */
export function readParameters(
  request: MockRequest,
  rawPathParams: Record<string, string>,
  byLocation: ParameterValidators,
): { values: ParameterValues; problems: RequestProblem[] } {
  const problems: RequestProblem[] = [];
  const values: ParameterValues = {
    path: decodePathParameters(rawPathParams, problems),
    query: readQuery(request, byLocation.get('query')!.parameters, problems),
    header: readHeaders(request, byLocation.get('header')!.parameters),
  };
  for (const location of LOCATIONS) problems.push(...locationProblems(location, byLocation.get(location)!.validate(), values[location]));
  return { values, problems };
}

function decodePathParameters(rawPathParams: Record<string, string>, problems: RequestProblem[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(rawPathParams)) {
    try {
      values[name] = decodeURIComponent(raw);
    } catch {
      problems.push({ in: 'path', field: name, message: 'is not a valid percent-encoded value' });
      values[name] = raw;
    }
  }
  return values;
}

/** The first value of each query parameter; a repeated one is a problem unless its schema is an array. */
function readQuery(request: MockRequest, parameters: ParameterObject[], problems: RequestProblem[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const p of parameters) {
    const all = request.query.getAll(p.name);
    if (all.length > 1 && (p.schema as { type?: unknown } | undefined)?.type !== 'array') {
      problems.push({ in: 'query', field: p.name, message: 'must appear at most once' });
    }
    if (all.length > 0) values[p.name] = all[0];
  }
  return values;
}

function readHeaders(request: MockRequest, parameters: ParameterObject[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const p of parameters) {
    const v = request.headers[p.name.toLowerCase()];
    if (v !== undefined) values[p.name.toLowerCase()] = v;
  }
  return values;
}

function locationProblems(location: ParameterLocation, validate: ValidateFunction, values: Record<string, unknown>): RequestProblem[] {
  if (validate(values)) return [];
  return schemaProblems(location, validate.errors ?? []);
}
