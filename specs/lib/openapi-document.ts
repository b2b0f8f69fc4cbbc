/**
 * The part of the OpenAPI 3.1 object model that cardmock reads. Loose on purpose: specs are
 * checked by Spectral, and this type only has to describe what the code walks.
 * @see https://spec.openapis.org/oas/v3.1.0
 */
export type JsonSchema = { [keyword: string]: unknown };

export interface ExampleObject {
  summary?: string;
  description?: string;
  value?: unknown;
  /** The case → code mapping is cardmock's guess. */
  'x-inferred'?: boolean;
  /** JSON pointers into `value` whose leaves are cardmock's guesses (a message text). */
  'x-inferred-pointers'?: string[];
  /** A request example that breaks the schema on purpose (the request of a 4xx case). */
  'x-cardmock-invalid'?: boolean;
  /** JSON pointers into `value` whose leaves are written for each request (one occurrence is shown). */
  'x-cardmock-varies'?: string[];
  /** A response example the vendor documents as another answer to a case; the mock never sends it, so it has no request example. */
  'x-cardmock-alternative'?: boolean;
}

export interface MediaTypeObject {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, ExampleObject | RefObject>;
  /** The vendor publishes no body for this status: the body is cardmock's guess. */
  'x-inferred'?: boolean;
  'x-description'?: string;
}

export interface RefObject {
  $ref: string;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaTypeObject>;
  'x-inferred'?: boolean;
  'x-description'?: string;
  /** Further codes the vendor documents for this status (its code lists), beyond the examples. */
  'x-documented-codes'?: { code: string | number; message?: string; source: string }[];
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, ExampleObject | RefObject>;
  'x-inferred'?: boolean;
}

export interface RequestBodyObject {
  required?: boolean;
  description?: string;
  content: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: (ParameterObject | RefObject)[];
  requestBody?: RequestBodyObject | RefObject;
  responses: Record<string, ResponseObject | RefObject>;
  security?: Record<string, string[]>[];
  'x-cardmock-mutates'?: boolean;
  [extension: `x-${string}`]: unknown;
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options';

export type PathItemObject = { parameters?: (ParameterObject | RefObject)[] } & {
  [method in HttpMethod]?: OperationObject;
};

export interface ServerObject {
  url: string;
  description?: string;
  variables?: Record<string, { default: string; enum?: string[]; description?: string }>;
  'x-inferred'?: boolean;
}

export interface SecuritySchemeObject {
  type: 'http' | 'apiKey' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  scheme?: string;
  bearerFormat?: string;
  name?: string;
  in?: string;
  description?: string;
  flows?: Record<string, unknown>;
  'x-inferred'?: boolean;
}

export interface OpenApiDocument {
  openapi: string;
  info: {
    title: string;
    version: string;
    description?: string;
    'x-cardmock-vendor'?: string;
    [extension: string]: unknown;
  };
  servers?: ServerObject[];
  security?: Record<string, string[]>[];
  paths: Record<string, PathItemObject>;
  webhooks?: Record<string, PathItemObject>;
  components?: {
    schemas?: Record<string, JsonSchema>;
    responses?: Record<string, ResponseObject>;
    parameters?: Record<string, ParameterObject>;
    requestBodies?: Record<string, RequestBodyObject>;
    securitySchemes?: Record<string, SecuritySchemeObject>;
    [other: string]: unknown;
  };
  [extension: string]: unknown;
}

export const HTTP_METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
