/**
 * cardmock's own error body `{error: {code, message, details?}}`, for what is cardmock's to answer
 * (the control API, routing outside any vendor, refusals, its own failures) — never a vendor's
 * envelope, which each vendor writes from its spec.
 */
import { json, type MockResponse } from './types.ts';

export function cardmockError(status: number, code: string, message: string, details?: string[]): MockResponse {
  return json(status, { error: { code, message, ...(details ? { details } : {}) } });
}
