/**
 * Property-test helpers derived from the specs: arbitrary request bodies, the spec's own verdict on
 * them (ajv), and a direct call into the engine.
 */
import fc from 'fast-check';
import { createSchemaRegistry } from '../../specs/lib/schema-registry.ts';
import { createEngine, type Engine } from '../core/engine.ts';
import { manualClock } from '../core/clock.ts';
import { concreteCall } from '../core/sample-call.ts';
import type { SampleCall, VendorModule } from '../core/vendor.ts';
import type { MockResponse } from '../core/types.ts';
import { allVendors } from '../vendors/index.ts';

export function propertyEngine(): { engine: Engine; clock: ReturnType<typeof manualClock> } {
  const clock = manualClock();
  return { engine: createEngine({ vendors: allVendors, clock, settings: { asyncDelayMs: 100 } }), clock };
}

export async function call(engine: Engine, vendor: VendorModule, operationId: string, sample: SampleCall, session: string, rawBody?: string): Promise<MockResponse> {
  const c = concreteCall(vendor, operationId, sample);
  const [path, qs = ''] = c.path.split('?');
  const body = rawBody ?? c.body;
  return engine.handleVendor(vendor.name, {
    method: c.method,
    path: path!,
    query: new URLSearchParams(qs),
    headers: { ...c.headers, 'content-type': 'application/json', 'x-cardmock-session': session },
    ...(body !== undefined ? { body } : {}),
  });
}

/** Does the spec accept this body for the operation? */
export function bodyVerdict(vendor: VendorModule, operationId: string): (body: unknown) => boolean {
  const op = vendor.responses.operation(operationId);
  const schema = Object.values(op.requestBody?.content ?? {})[0]?.schema;
  if (!schema) return () => true;
  const validate = createSchemaRegistry(vendor.document, vendor.name).validator(schema);
  return (body) => validate(body) === true;
}

/** Bodies that are mostly near the sample (one field replaced by anything), some anything at all. */
export function bodyArbitrary(sampleBody: unknown): fc.Arbitrary<unknown> {
  const anything = fc.jsonValue({ maxDepth: 3 });
  if (typeof sampleBody !== 'object' || sampleBody === null || Array.isArray(sampleBody)) return anything;
  const keys = Object.keys(sampleBody);
  const nearSample = fc.record({ key: fc.constantFrom(...keys, 'unexpectedField'), value: anything, drop: fc.boolean() }).map(({ key, value, drop }) => {
    const copy: Record<string, unknown> = { ...(sampleBody as Record<string, unknown>) };
    if (drop) delete copy[key];
    else copy[key] = value;
    return copy;
  });
  return fc.oneof(nearSample, anything);
}

export const documented4xx = (vendor: VendorModule, operationId: string) =>
  vendor.responses.operation(operationId).responses.map((r) => r.status).filter((s) => s >= 400 && s < 500);
