/**
 * What the conformance suite knows about the specs: operations by vendor, response validators
 * compiled once per response schema, and which schema nodes are `x-inferred` (so a failure there is
 * only a warning on a target that is not ours). Built from specs/ and generated/ only.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { documents, type SpecName } from '../../generated/documents.ts';
import type { JsonSchema, OpenApiDocument } from '../../specs/lib/openapi-document.ts';
import { operationsOf, resolve, vendorOf, type OperationSpec } from '../../specs/lib/operations.ts';
import { createSchemaRegistry, type SchemaRegistry } from '../../specs/lib/schema-registry.ts';
import type { Rule } from '../../specs/lib/rules.ts';
import { indexInferred, schemaErrorBasis, type Basis, type InferredIndex } from './inferred.ts';

export interface VendorSpec {
  vendor: string;
  document: OpenApiDocument;
  operations: OperationSpec[];
  registry: SchemaRegistry;
  /** Which parts of the spec are cardmock's guesses (x-inferred and its finer markers). */
  inferred: InferredIndex;
}

const cache = new Map<string, VendorSpec>();
/** Specs of vendors beyond cardmock's five (your own vendor module's spec), by name. */
const registered = new Map<string, OpenApiDocument>();

/**
 * Judge a vendor whose spec is not one of cardmock's: its document (OpenAPI 3.1, with
 * `info.x-cardmock-vendor`) is known to every check, the matrix and the runner from now on.
 */
export function registerVendorSpec(document: OpenApiDocument): string {
  const vendor = vendorOf(document);
  if (!vendor) throw new Error('a vendor spec names its vendor in info.x-cardmock-vendor');
  registered.set(vendor, document);
  cache.delete(vendor);
  return vendor;
}

export function vendorSpec(vendor: string): VendorSpec {
  let spec = cache.get(vendor);
  if (!spec) {
    const document = registered.get(vendor) ?? documents[vendor as SpecName];
    if (!document || !vendorOf(document)) throw new Error(`no vendor spec "${vendor}"; vendors: ${vendorNames().join(', ')}`);
    spec = {
      vendor,
      document,
      operations: operationsOf(document, vendor),
      registry: createSchemaRegistry(document, vendor, { allErrors: true, verbose: true }),
      inferred: indexInferred(document),
    };
    cache.set(vendor, spec);
  }
  return spec;
}

export function vendorNames(): string[] {
  return [...(Object.keys(documents) as SpecName[]).filter((n) => vendorOf(documents[n]) !== undefined), ...registered.keys()];
}

export function operation(vendor: string, operationId: string): OperationSpec {
  const op = vendorSpec(vendor).operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`${vendor} has no operation ${operationId}`);
  return op;
}

/** A rule of a vendor's catalogue by id; a scenario or report naming an unknown rule is a programming error. */
export function ruleOf(vendor: string, id: string): Rule {
  for (const op of vendorSpec(vendor).operations) {
    const rule = op.rules.find((r) => r.id === id);
    if (rule) return rule;
  }
  throw new Error(`${vendor} has no rule ${id}`);
}

/** Validate a body against a documented schema; each error names the inferred part it rests on, if any. */
export function validateBody(
  vendor: string,
  schema: JsonSchema,
): (body: unknown) => { ok: boolean; errors: (ErrorObject & { inferred: Basis | undefined })[] } {
  const spec = vendorSpec(vendor);
  const validate: ValidateFunction = spec.registry.validator(schema);
  return (body) => {
    if (validate(body)) return { ok: true, errors: [] };
    return {
      ok: false,
      errors: (validate.errors ?? []).map((e) => ({
        ...e,
        inferred: schemaErrorBasis(spec.inferred, e, (node) => resolve(spec.document, node)),
      })),
    };
  };
}
