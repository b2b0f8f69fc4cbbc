/**
 * Where an answer carries its error's code and message: each spec says so on the schema of the
 * body (`x-cardmock-error: {code, message}`, JSON pointers into the body), so a vendor added with
 * its own spec has its codes judged like the five, and no check knows an envelope by key names.
 */
import type { DocumentedResponse, OperationSpec } from '../../specs/lib/operations.ts';
import { resolve } from '../../specs/lib/operations.ts';
import { vendorSpec } from './spec-index.ts';

export interface ErrorEnvelope {
  /** Pointer of the error's code (`/error/code`), if the body carries one. */
  code?: string;
  /** Pointer of its human text (`/error/message`). */
  message?: string;
}

/** The envelope of the body a status documents (its first media type's schema), or none. */
export function envelopeOf(op: OperationSpec, documented: DocumentedResponse): ErrorEnvelope {
  const schema = Object.values(documented.content)[0]?.schema;
  if (!schema) return {};
  const resolved = resolve<Record<string, unknown>>(vendorSpec(op.spec).document, schema as Record<string, unknown>);
  const marked = resolved['x-cardmock-error'];
  return typeof marked === 'object' && marked !== null ? (marked as ErrorEnvelope) : {};
}

export function leafAt(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), value);
}

/** The code and message a value carries, by pointer (code first), where the envelope names them. */
export function identifyingLeaves(envelope: ErrorEnvelope, value: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const pointer of [envelope.code, envelope.message]) {
    if (pointer === undefined) continue;
    const leaf = leafAt(value, pointer);
    if (typeof leaf === 'string' || typeof leaf === 'number') out.set(pointer, leaf);
  }
  return out;
}
