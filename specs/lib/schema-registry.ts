/**
 * One ajv instance per spec (JSON Schema 2020-12, ajv-formats, strict), holding the whole spec so
 * that `$ref`s between components resolve. Validators are compiled once per JSON pointer and
 * cached, so callers ask for them freely on the hot path.
 * @see https://ajv.js.org/json-schema.html#draft-2020-12
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema, OpenApiDocument } from './openapi-document.ts';

// ajv-formats ships CommonJS; its default export arrives wrapped under Node's ESM loader.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

/** Keywords OpenAPI adds to JSON Schema, and ours; annotations only. */
const ANNOTATIONS = ['x-inferred', 'x-inferred-keywords', 'x-cardmock-rule', 'x-cardmock-error', 'discriminator', 'xml', 'externalDocs', 'example', 'components'];

export interface SchemaRegistry {
  /** Validator for the schema at `pointer` (e.g. `#/components/schemas/Error`) or an inline schema. */
  validator(schema: JsonSchema): ValidateFunction;
  readonly document: OpenApiDocument;
  readonly id: string;
}

export interface RegistryOptions {
  /** Coerce strings to the schema's type (for path, query and header values). */
  coerceTypes?: boolean;
  /** Collect every error rather than stopping at the first. */
  allErrors?: boolean;
  /** Keep `schema`/`parentSchema`/`data` on errors. */
  verbose?: boolean;
  /** Check every compiled schema against the JSON Schema meta-schema. */
  validateSchema?: boolean;
}

export function createSchemaRegistry(
  document: OpenApiDocument,
  name: string,
  options: RegistryOptions = {},
): SchemaRegistry {
  const ajv = new Ajv2020({
    strict: true,
    // `anyOf: [{required: [a]}, {required: [b]}]` ("one of a or b") is idiomatic OpenAPI.
    strictRequired: false,
    allErrors: options.allErrors ?? true,
    coerceTypes: options.coerceTypes ?? false,
    allowUnionTypes: true,
    unicodeRegExp: true,
    // Checking each schema against the meta-schema costs start-up time; the spec tests turn it on.
    validateSchema: options.validateSchema ?? false,
    // parentSchema on each error lets the conformance suite tell inferred parts of a spec apart.
    verbose: options.verbose ?? false,
  });
  addFormats(ajv);
  for (const keyword of ANNOTATIONS) ajv.addKeyword(keyword);
  const id = `cardmock:${name}`;
  ajv.addSchema({ $id: id, components: document.components ?? {} } as JsonSchema, undefined, true, false);

  const cache = new WeakMap<JsonSchema, ValidateFunction>();
  return {
    document,
    id,
    validator(schema) {
      let fn = cache.get(schema);
      if (!fn) {
        fn = ajv.compile(rebase(schema, id));
        cache.set(schema, fn);
      }
      return fn;
    },
  };
}

/** Point local refs (`#/components/...`) of an inline schema at the registered spec. */
function rebase(schema: JsonSchema, id: string): JsonSchema {
  return JSON.parse(JSON.stringify(schema), (key, value) =>
    key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${id}${value}` : value,
  ) as JsonSchema;
}

/** One line per ajv error, naming the field by its JSON path. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${fieldOf(e) || '(root)'} ${e.message ?? 'is invalid'}`);
}

/** The field an ajv error is about, as a dotted path (`cards.0.loyaltyId`). */
export function fieldOf(error: ErrorObject): string {
  const base = error.instancePath.replace(/^\//, '').split('/').filter(Boolean);
  if (error.keyword === 'required') base.push(String((error.params as { missingProperty: string }).missingProperty));
  if (error.keyword === 'additionalProperties')
    base.push(String((error.params as { additionalProperty: string }).additionalProperty));
  return base.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}
