/** A vendor module with its spec operations compiled once, at start-up, into matchers and validators. */
import { createSchemaRegistry } from '../../specs/lib/schema-registry.ts';
import { compileOperation, type CompiledOperation } from './compile-operation.ts';
import { vendorNameProblem, type VendorModule } from './vendor.ts';

export interface VendorRuntime {
  module: VendorModule;
  operations: CompiledOperation[];
}

/** The vendors by name; throws (a programmer error) when a vendor lacks a handler for an operation of its spec. */
export function compileVendors(modules: VendorModule[]): Map<string, VendorRuntime> {
  return new Map(modules.map((module) => [module.name, compileVendor(module)]));
}

function compileVendor(module: VendorModule): VendorRuntime {
  const badName = vendorNameProblem(module.name);
  if (badName) throw new Error(badName);
  const params = createSchemaRegistry(module.document, module.name, { coerceTypes: true });
  // verbose: a failing rule's parentSchema may name the documented answer (x-cardmock-rule).
  const bodies = createSchemaRegistry(module.document, module.name, { verbose: true });
  const operations = module.responses.operations.map((op) => compileOperation(op, params, bodies));
  for (const op of module.responses.operations) {
    if (!module.operations[op.operationId]) throw new Error(`${module.name}: no handler for ${op.operationId}`);
  }
  return { module, operations };
}
