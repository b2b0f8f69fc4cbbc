/**
 * Turns a vendor's sample call into a concrete request: method and path template from the spec,
 * values from the sample.
 */
import type { SampleCall, VendorModule } from './vendor.ts';

export interface ConcreteCall {
  method: string;
  /** Path relative to the vendor's base URL, with query. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** The vendor's sample call of an operation (a success against the default fixtures). */
export function sampleCall(vendor: VendorModule, operationId: string): ConcreteCall {
  const sample = vendor.samples.requests[operationId];
  if (!sample) throw new Error(`${vendor.name} has no sample request for ${operationId}`);
  return concreteCall(vendor, operationId, sample);
}

export function concreteCall(vendor: VendorModule, operationId: string, sample: SampleCall): ConcreteCall {
  const op = vendor.responses.operation(operationId);
  const values = sample.path;
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
  const query = new URLSearchParams(sample.query ?? {}).toString();
  const headers: Record<string, string> = { authorization: vendor.samples.authorization, ...sample.headers };
  if (sample.body !== undefined) headers['content-type'] = Object.keys(op.requestBody?.content ?? {})[0] ?? 'application/json';
  return {
    method: op.method.toUpperCase(),
    path: query ? `${path}?${query}` : path,
    headers,
    ...(sample.body !== undefined ? { body: JSON.stringify(sample.body) } : {}),
  };
}
