/** Which operation of a vendor a request names, or the vendor's 404/405 when none does. */
import type { CompiledOperation, RequestProblem } from './compile-operation.ts';
import type { MockRequest, MockResponse } from './types.ts';
import { rejection } from './vendor.ts';
import type { VendorRuntime } from './vendor-runtime.ts';

export type Routed = { operation: CompiledOperation; params: Record<string, string> } | { response: MockResponse };

/** `request.path` is relative to the vendor's base URL. */
export function routeOperation(runtime: VendorRuntime, request: MockRequest): Routed {
  const allowed: string[] = [];
  for (const operation of runtime.operations) {
    const params = operation.match(request.path);
    if (!params) continue;
    if (operation.spec.method === request.method.toLowerCase()) return { operation, params };
    allowed.push(operation.spec.method.toUpperCase());
  }
  const problem: RequestProblem = allowed.length
    ? { in: 'path', field: '', message: `${request.method} is not allowed on ${request.path}; allowed: ${allowed.join(', ')}` }
    : { in: 'path', field: '', message: `no operation at ${request.method} ${request.path}` };
  if (allowed.length === 0) return { response: rejection(runtime.module, 'not-found', [problem], undefined, 'cardmock.unknown-path') };
  // The vendors document no 405; cardmock answers it at the routing level, in the vendor's envelope.
  const response = rejection(runtime.module, 'method-not-allowed', [problem], undefined, 'cardmock.method-not-allowed');
  return { response: { ...response, status: 405, headers: { ...response.headers, allow: allowed.join(', ') } } };
}
