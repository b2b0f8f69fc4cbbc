/**
 * Which documented operation a request is, from its method and its path relative to the vendor's
 * base URL: the path templates of the spec, compiled once per vendor.
 */
import type { OperationSpec } from '../../specs/lib/operations.ts';
import { vendorSpec } from './spec-index.ts';

export interface MatchedOperation {
  operation: OperationSpec;
  /** Raw (still percent-encoded) path parameter values by name. */
  pathParams: Record<string, string>;
}

const compiled = new Map<string, { operation: OperationSpec; pattern: RegExp; names: string[] }[]>();

function patternsOf(vendor: string) {
  let list = compiled.get(vendor);
  if (!list) {
    list = vendorSpec(vendor).operations.map((operation) => {
      const names: string[] = [];
      const escaped = operation.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      const source = escaped.replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { operation, pattern: new RegExp(`^${source}/?$`), names };
    });
    compiled.set(vendor, list);
  }
  return list;
}

export function matchOperation(vendor: string, method: string, path: string): MatchedOperation | undefined {
  for (const { operation, pattern, names } of patternsOf(vendor)) {
    if (operation.method !== method.toLowerCase()) continue;
    const m = pattern.exec(path);
    if (m) return { operation, pathParams: Object.fromEntries(names.map((n, i) => [n, m[i + 1]!])) };
  }
  return undefined;
}
