/**
 * Which parts of a spec are marked as cardmock's guesses, indexed once per spec; provenance.ts is
 * the one module that turns these marks into the basis of an expectation.
 *
 * Markers (specs/README.md, "the markers"):
 * - response object `x-inferred: true` — the status itself is cardmock's addition;
 * - media type object `x-inferred: true` — the vendor publishes no body for the status;
 * - schema node `x-inferred: true` — the subtree is a guess; `x-inferred-keywords: [k…]` — those
 *   keywords of the node are cardmock's additions;
 * - example `x-inferred: true` — the case → answer mapping is a guess; `x-inferred-pointers: [p…]` —
 *   those leaves of the example's value (a message text) are guesses.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { OpenApiDocument } from '../../specs/lib/openapi-document.ts';

/**
 * What an expectation rests on when it is cardmock's guess: `part` names the guessed part (a JSON
 * pointer of the spec, with the keyword where only a keyword is guessed, or a rule id), so every
 * warning resting on it is grouped under it; `why` says why it is a guess.
 */
export interface Basis {
  part: string;
  why: string;
}

export interface InferredIndex {
  /** JSON pointer of an object of the document (identity). */
  pointerOf(node: object): string | undefined;
  /** The basis of this node when it (or an ancestor) is `x-inferred`, or undefined. */
  nodeBasis(node: unknown): Basis | undefined;
  /** The basis of the `keyword` of this schema node when it is a guess, or undefined. */
  keywordBasis(node: unknown, keyword: string): Basis | undefined;
}

/** The pointer of a response object: a status under an operation's responses, or a component response. */
const RESPONSE_OBJECT = /^#\/(paths\/[^/]+\/[a-z]+\/responses|components\/responses)\/[^/]+$/;
const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const firstLine = (text: unknown) => (typeof text === 'string' ? text.trim().split('\n').join(' ').replace(/\s+/g, ' ') : undefined);

export function indexInferred(document: OpenApiDocument): InferredIndex {
  const pointers = new WeakMap<object, string>();
  // The nearest marked ancestor (or the node itself) of every node inside an x-inferred part.
  const markedBy = new WeakMap<object, Basis>();
  const walk = (node: unknown, pointer: string, marked: Basis | undefined) => {
    if (!isObject(node)) return;
    if (!pointers.has(node)) pointers.set(node, pointer);
    const own = node['x-inferred'] === true ? { part: pointer, why: firstLine(node.description ?? node['x-description']) ?? 'marked x-inferred' } : marked;
    if (own !== undefined) markedBy.set(node, own);
    // On a response object the mark is about its status only: its body is marked on its own.
    const passed = RESPONSE_OBJECT.test(pointer) ? marked : own;
    for (const [key, child] of Object.entries(node)) walk(child, `${pointer}/${escapePointer(key)}`, passed);
  };
  walk(document, '#', undefined);
  return {
    pointerOf: (node) => pointers.get(node),
    nodeBasis: (node) => (isObject(node) ? markedBy.get(node) : undefined),
    keywordBasis: (node, keyword) => {
      if (!isObject(node)) return undefined;
      const marked = markedBy.get(node);
      if (marked !== undefined) return marked;
      const keywords = node['x-inferred-keywords'];
      if (!Array.isArray(keywords) || !keywords.includes(keyword)) return undefined;
      return { part: `${pointers.get(node) ?? '?'} ${keyword}`, why: firstLine(node.description) ?? `the ${keyword} keyword is cardmock's addition` };
    },
  };
}

const ADDITIVE = new Set(['additionalProperties', 'unevaluatedProperties']);

/**
 * Why an ajv error rests on a guess: the failing schema node or keyword is inferred, a missing
 * required property is itself an inferred addition, or the error is an additive change (an extra
 * field), which no page forbids.
 */
export function schemaErrorBasis(index: InferredIndex, error: ErrorObject, resolveRef: (node: unknown) => unknown = (n) => n): Basis | undefined {
  if (ADDITIVE.has(error.keyword)) {
    const params = error.params as { additionalProperty?: string; unevaluatedProperty?: string };
    return { part: 'additive changes', why: `field "${params.additionalProperty ?? params.unevaluatedProperty ?? '?'}" is not in the schema, and no page forbids extra fields` };
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
