/**
 * What the conformance suite knows about the specs: operations by vendor, response validators
 * compiled once per response schema, and which schema nodes are `x-inferred` (so a failure there is
 * only a warning on a target that is not ours). Built from specs/ and generated/ only.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { documents, type SpecName } from '../../generated/documents.ts';
import type { JsonSchema, OpenApiDocument } from '../../specs/lib/openapi-document.ts';
import { operationsOf, vendorOf, type OperationSpec } from '../../specs/lib/operations.ts';
import { createSchemaRegistry, type SchemaRegistry } from '../../specs/lib/schema-registry.ts';

export interface VendorSpec {
  vendor: string;
  document: OpenApiDocument;
  operations: OperationSpec[];
  registry: SchemaRegistry;
  /** Schema objects marked x-inferred, and everything inside them. */
  inferredNodes: WeakSet<object>;
}

function collectInferred(document: OpenApiDocument): WeakSet<object> {
  const set = new WeakSet<object>();
  const walk = (node: unknown, inside: boolean) => {
    if (typeof node !== 'object' || node === null) return;
    const marked = inside || (node as Record<string, unknown>)['x-inferred'] === true;
    if (marked) set.add(node);
    for (const child of Object.values(node)) walk(child, marked);
  };
  walk(document, false);
  return set;
}

const cache = new Map<string, VendorSpec>();

export function vendorSpec(vendor: string): VendorSpec {
  let spec = cache.get(vendor);
  if (!spec) {
    const document = documents[vendor as SpecName];
    if (!document || !vendorOf(document)) throw new Error(`no vendor spec "${vendor}"; vendors: ${vendorNames().join(', ')}`);
    spec = {
      vendor,
      document,
      operations: operationsOf(document, vendor),
      registry: createSchemaRegistry(document, vendor, { allErrors: true, verbose: true }),
      inferredNodes: collectInferred(document),
    };
    cache.set(vendor, spec);
  }
  return spec;
}

export function vendorNames(): string[] {
  return (Object.keys(documents) as SpecName[]).filter((n) => vendorOf(documents[n]) !== undefined);
}

export function operation(vendor: string, operationId: string): OperationSpec {
  const op = vendorSpec(vendor).operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`${vendor} has no operation ${operationId}`);
  return op;
}

/** Validate a body against a documented schema; each error says whether it lies in an inferred part. */
export function validateBody(
  vendor: string,
  schema: JsonSchema,
): (body: unknown) => { ok: boolean; errors: (ErrorObject & { inferred: boolean })[] } {
  const spec = vendorSpec(vendor);
  const validate: ValidateFunction = spec.registry.validator(schema);
  return (body) => {
    if (validate(body)) return { ok: true, errors: [] };
    return {
      ok: false,
      errors: (validate.errors ?? []).map((e) => ({
        ...e,
        inferred: typeof e.parentSchema === 'object' && e.parentSchema !== null && spec.inferredNodes.has(e.parentSchema),
      })),
    };
  };
}
