/**
 * Which parts of a spec are cardmock's guesses, and how to name them. A check whose expectation
 * rests only on such a part reports it as `inferred` (a warning off our own mocks), naming the part.
 *
 * Markers (see specs/README.md, "What x-inferred means"):
 * - response object `x-inferred: true` — the status itself is cardmock's addition;
 * - media type object `x-inferred: true` — the vendor publishes no body for the status;
 * - schema node `x-inferred: true` — the subtree is a guess; `x-inferred-keywords: [k…]` — those
 *   keywords of the node are cardmock's additions;
 * - example `x-inferred: true` — the case → code mapping is a guess; `x-inferred-pointers: [p…]` —
 *   those leaves of the example's value (a message text) are guesses;
 * - response object `x-documented-codes` — further codes the vendor documents for the status.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { OpenApiDocument } from '../../specs/lib/openapi-document.ts';

export interface InferredIndex {
  /** JSON pointer of an object of the document (identity), for naming the part relied on. */
  pointerOf(node: object): string | undefined;
  /** Why this node is a guess (it or an ancestor is `x-inferred`), or undefined. */
  nodeBasis(node: unknown): string | undefined;
  /** Why the `keyword` of this schema node is a guess, or undefined. */
  keywordBasis(node: unknown, keyword: string): string | undefined;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function indexInferred(document: OpenApiDocument): InferredIndex {
  const pointers = new WeakMap<object, string>();
  // The nearest marked ancestor (or the node itself) of every node inside an x-inferred part.
  const markedBy = new WeakMap<object, string>();
  const walk = (node: unknown, pointer: string, marked: string | undefined) => {
    if (!isObject(node)) return;
    if (!pointers.has(node)) pointers.set(node, pointer);
    const own = node['x-inferred'] === true ? pointer : marked;
    if (own !== undefined) markedBy.set(node, own);
    for (const [key, child] of Object.entries(node)) walk(child, `${pointer}/${escapePointer(key)}`, own);
  };
  walk(document, '#', undefined);
  return {
    pointerOf: (node) => pointers.get(node),
    nodeBasis: (node) => {
      if (!isObject(node)) return undefined;
      const at = markedBy.get(node);
      return at === undefined ? undefined : `x-inferred at ${at}`;
    },
    keywordBasis: (node, keyword) => {
      if (!isObject(node)) return undefined;
      const marked = markedBy.get(node);
      if (marked !== undefined) return `x-inferred at ${marked}`;
      const keywords = node['x-inferred-keywords'];
      return Array.isArray(keywords) && keywords.includes(keyword) ? `x-inferred-keywords ${keyword} at ${pointers.get(node) ?? '?'}` : undefined;
    },
  };
}

const ADDITIVE = new Set(['additionalProperties', 'unevaluatedProperties']);

/**
 * Why an ajv error rests on a guess: the failing schema node or keyword is inferred, a missing
 * required property is itself an inferred addition, or the error is an additive change (an extra
 * field), which no page forbids.
 */
export function schemaErrorBasis(index: InferredIndex, error: ErrorObject, resolveRef: (node: unknown) => unknown = (n) => n): string | undefined {
  if (ADDITIVE.has(error.keyword)) {
    const extra = (error.params as { additionalProperty?: string; unevaluatedProperty?: string }).additionalProperty ?? (error.params as { unevaluatedProperty?: string }).unevaluatedProperty;
    return `an additive change: field "${extra ?? '?'}" is not in the schema, and the page does not forbid extra fields`;
  }
  const parent = error.parentSchema;
  const basis = index.keywordBasis(parent, error.keyword);
  if (basis) return basis;
  if (error.keyword === 'required' && isObject(parent) && isObject(parent.properties)) {
    const missing = (error.params as { missingProperty?: string }).missingProperty;
    if (missing) return index.nodeBasis(parent.properties[missing]) ?? index.nodeBasis(resolveRef(parent.properties[missing]));
  }
  return undefined;
}
