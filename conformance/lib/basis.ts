/**
 * What an expectation rests on. Each function answers "which x-inferred part of the spec does this
 * expectation depend on?" — undefined when the vendor documents it, so a deviation is a failure on
 * any target; a named part otherwise, so a deviation is a warning off our own mocks.
 */
import type { OpenApiDocument } from '../../specs/lib/openapi-document.ts';
import { examplesOf, resolve, type DocumentedResponse, type OperationSpec } from '../../specs/lib/operations.ts';
import type { Scenario } from './scenario.ts';
import { operation, vendorSpec } from './spec-index.ts';

/** The status itself is cardmock's addition. */
export function statusBasis(op: OperationSpec, documented: DocumentedResponse | undefined): string | undefined {
  return documented?.inferred ? `x-inferred status ${documented.status} of ${op.operationId} (the vendor does not document it)` : undefined;
}

/** The body of a documented status is a guess: the status, or its media type, is x-inferred. */
export function bodyBasis(op: OperationSpec, documented: DocumentedResponse): string | undefined {
  const status = statusBasis(op, documented);
  if (status) return status;
  const inferred = vendorSpec(op.spec).inferred;
  for (const [mediaType, media] of Object.entries(documented.content)) {
    const basis = inferred.nodeBasis(media);
    if (basis) return `${basis} (no ${mediaType} body is published for ${documented.status})`;
  }
  return undefined;
}

export interface NamedExample {
  name: string;
  value: unknown;
  /** Why the case → example mapping is a guess. */
  mapping: string | undefined;
  /** JSON pointers into `value` whose leaves are guesses (a message text the page never states). */
  inferredPointers: string[];
}

export function namedExamples(op: OperationSpec, documented: DocumentedResponse): NamedExample[] {
  const spec = vendorSpec(op.spec);
  return examplesOf(spec.document, documented).map((e) => {
    const raw = rawExample(op, documented, e.name);
    const pointers = raw?.['x-inferred-pointers'];
    return {
      name: e.name,
      value: e.value,
      mapping: e.inferred ? `x-inferred example ${e.name} of ${documented.status} (the case → code mapping is cardmock's)` : undefined,
      inferredPointers: Array.isArray(pointers) ? pointers.map(String) : [],
    };
  });
}

function rawExample(op: OperationSpec, documented: DocumentedResponse, name: string): Record<string, unknown> | undefined {
  const spec = vendorSpec(op.spec);
  for (const media of Object.values(documented.content)) {
    const ex = media.examples?.[name];
    if (ex) return resolveNode(spec.document, ex) as Record<string, unknown>;
  }
  return undefined;
}

/** Codes the vendor documents for a status beyond its examples (`x-documented-codes`). */
export function documentedCodes(op: OperationSpec, documented: DocumentedResponse): (string | number)[] {
  const spec = vendorSpec(op.spec);
  const raw = spec.document.paths?.[op.path]?.[op.method]?.responses?.[String(documented.status)];
  const response = raw ? (resolveNode(spec.document, raw) as Record<string, unknown>) : undefined;
  const codes = response?.['x-documented-codes'];
  return Array.isArray(codes) ? codes.map((c) => (c as { code: string | number }).code) : [];
}

/** A spec part named by a JSON pointer; a pointer ending in a keyword (`…/required`) names that keyword. */
export function pointerBasis(vendor: string, pointer: string): string | undefined {
  const spec = vendorSpec(vendor);
  const keys = pointer.replace(/^#\/?/, '').split('/').filter(Boolean).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let parent: unknown;
  let node: unknown = spec.document;
  for (const key of keys) {
    parent = node;
    node = resolveNode(spec.document, (node as Record<string, unknown> | undefined)?.[key]);
    if (node === undefined) throw new Error(`${vendor}: scenario basis ${pointer} is not in the spec`);
  }
  const keyword = keys.at(-1)!;
  return spec.inferred.nodeBasis(node) ?? (typeof node !== 'object' || Array.isArray(node) ? spec.inferred.keywordBasis(parent, keyword) : undefined);
}

/**
 * Why the expected outcome of a scenario is a guess: its status is cardmock's addition, or a spec
 * part it names as its basis is (a case → status mapping the page never states is named through
 * the x-inferred example that records it).
 */
export function scenarioBasis(scenario: Scenario): string | undefined {
  const op = operation(scenario.vendor, scenario.operationId);
  const documented = op.responses.find((r) => r.status === scenario.status);
  const reasons = [
    statusBasis(op, documented),
    ...(scenario.basis ?? []).map((p) => pointerBasis(scenario.vendor, p)),
  ].filter((r): r is string => r !== undefined);
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

const resolveNode = (document: OpenApiDocument, node: unknown): unknown => (node === undefined ? undefined : resolve(document, node));
