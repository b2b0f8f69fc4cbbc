/**
 * cardmock's own error body `{error: {code, message, details?}}` (the control spec's
 * `ErrorEnvelope`), for what is cardmock's to answer (the control API, routing outside any vendor,
 * refusals, its own failures) — never a vendor's envelope, which each vendor writes from its spec.
 */
import type { components } from '../../generated/cardmock-control.ts';
import { json } from './types.ts';

export type CardmockErrorBody = components['schemas']['ErrorEnvelope'];

export function cardmockError<S extends number>(status: S, code: string, message: string, details?: string[]) {
  const body: CardmockErrorBody = { error: { code, message, ...(details ? { details } : {}) } };
  return json(status, body);
}
