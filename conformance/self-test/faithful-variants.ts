/**
 * Faithful variants: servers that differ from our mocks only where the vendor pages allow. Each is
 * derived from the specs — their x-inferred parts and the vendors' code lists — and wraps the real
 * engine. The suite must pass every one of them with warnings only: a false alarm on a faithful
 * vendor is as much a defect as a missed deviation.
 */
import type { MockRequest, MockResponse } from '../../mocks/core/types.ts';
import { bodyBasis, documentedCodes, namedExamples } from '../lib/provenance.ts';
import { envelopeOf, identifyingLeaves, leafAt } from '../lib/error-envelope.ts';
import { operation, vendorNames, vendorSpec } from '../lib/spec-index.ts';
import type { DocumentedResponse, OperationSpec } from '../../specs/lib/operations.ts';
import { buildRequest } from '../lib/http-client.ts';
import type { Fixtures, Scenario } from '../lib/scenario.ts';

export interface Variant {
  name: string;
  /** The vendors whose answers it changes (derived: those whose specs have the part it varies). */
  vendors: string[];
  response(request: MockRequest, response: MockResponse): MockResponse;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The operation a mock request is for (each vendor spec path under the vendor's prefix). */
function operationOf(request: MockRequest): OperationSpec | undefined {
  for (const vendor of vendorNames()) {
    if (!request.path.startsWith(`/${vendor}/`)) continue;
    const rest = request.path.slice(vendor.length + 1);
    return vendorSpec(vendor).operations.find(
      (op) => op.method.toUpperCase() === request.method && new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(rest),
    );
  }
  return undefined;
}

const documentedOf = (op: OperationSpec, status: number) => op.responses.find((r) => r.status === status);

function setLeaf(value: unknown, pointer: string, leaf: unknown): unknown {
  const copy = structuredClone(value);
  const keys = pointer.split('/').slice(1);
  const parent = keys.slice(0, -1).reduce<any>((node, key) => node?.[key], copy);
  if (parent && typeof parent === 'object') parent[keys.at(-1)!] = leaf;
  return copy;
}

/** The example of this status whose code the body carries, if any. */
function matchingExample(op: OperationSpec, status: number, body: unknown) {
  const documented = documentedOf(op, status);
  if (!documented) return undefined;
  const envelope = envelopeOf(op, documented);
  return namedExamples(op, documented).find((e) => {
    const codes = [...identifyingLeaves(envelope, e.value)].filter(([p]) => p === envelope.code);
    return codes.length > 0 && codes.every(([p, v]) => leafAt(body, p) === v);
  });
}

const vendorsWhere = (predicate: (op: OperationSpec) => boolean) => vendorNames().filter((v) => vendorSpec(v).operations.some(predicate));

const bodyIsGuessed = (op: OperationSpec, status: number) => {
  const documented = documentedOf(op, status);
  return documented !== undefined && Object.keys(documented.content).length > 0 && bodyBasis(op, documented) !== undefined && !documented.inferred;
};

/** The JSON pointer of an example's error code, where its status's envelope carries one. */
function codePointer(op: OperationSpec, documented: DocumentedResponse, value: unknown): string | undefined {
  const { code } = envelopeOf(op, documented);
  return code !== undefined && leafAt(value, code) !== undefined ? code : undefined;
}

export const VARIANTS: Variant[] = [
  {
    // Pismo publishes no error bodies: its sandbox may answer a bare status.
    name: 'no body where the page publishes none',
    vendors: vendorsWhere((op) => op.responses.some((r) => bodyIsGuessed(op, r.status))),
    response: (request, response) => {
      const op = operationOf(request);
      return op && bodyIsGuessed(op, response.status) ? { status: response.status, headers: {} } : response;
    },
  },
  {
    name: 'extra fields in every JSON body and an extra header',
    vendors: vendorNames(),
    response: (_request, response) => ({
      ...response,
      headers: { ...response.headers, 'x-vendor-trace-id': 'trace-1234' },
      body: isObject(response.body) ? { ...response.body, vendorTraceId: 'trace-1234' } : response.body,
    }),
  },
  {
    // A message the page never states (x-inferred-pointers) may be worded any way.
    name: 'other wording for messages the page does not state',
    vendors: vendorsWhere((op) => op.responses.some((r) => namedExamples(op, r).some((e) => e.inferredPointers.length > 0))),
    response: (request, response) => {
      const op = operationOf(request);
      const example = op && matchingExample(op, response.status, response.body);
      if (!example || example.inferredPointers.length === 0) return response;
      const body = example.inferredPointers.reduce<unknown>((b, p) => (leafAt(b, p) === undefined ? b : setLeaf(b, p, 'Worded otherwise by a faithful vendor')), response.body);
      return { ...response, body };
    },
  },
  {
    // Where cardmock chose the code for a case (an x-inferred example), a vendor may use another
    // code it documents for the same status.
    name: 'another documented code where the case → code mapping is a guess',
    vendors: vendorsWhere((op) => op.responses.some((r) => alternativeCode(op, r.status, undefined) !== undefined)),
    response: (request, response) => {
      const op = operationOf(request);
      const example = op && matchingExample(op, response.status, response.body);
      if (!op || !example?.mapping) return response;
      const swap = alternativeCode(op, response.status, example.name);
      return swap ? { ...response, body: setLeaf(response.body, swap.pointer, swap.code) } : response;
    },
  },
  {
    // Where the page gives no code for a case (cardmock's own x-inferred example answers it), a
    // vendor may use a code of its own that no page lists.
    name: 'a code of its own where the page gives no code for the case',
    vendors: vendorsWhere((op) => op.responses.some((r) => !bodyBasis(op, r) && namedExamples(op, r).some((e) => e.mapping && codePointer(op, r, e.value)))),
    response: (request, response) => {
      const op = operationOf(request);
      const example = op && matchingExample(op, response.status, response.body);
      const documented = op && documentedOf(op, response.status);
      const pointer = op && documented && example?.mapping ? codePointer(op, documented, example.value) : undefined;
      if (!op || !pointer || bodyBasis(op, documentedOf(op, response.status)!)) return response;
      const own = typeof leafAt(response.body, pointer) === 'number' ? 99_999 : 'VENDOR-OWN-CODE';
      return { ...response, body: setLeaf(response.body, pointer, own) };
    },
  },
];

/** A documented code of the status other than the example's, at the pointer that carries codes. */
function alternativeCode(op: OperationSpec, status: number, exampleName: string | undefined): { pointer: string; code: unknown } | undefined {
  const documented = documentedOf(op, status);
  if (!documented || bodyBasis(op, documented)) return undefined;
  const examples = namedExamples(op, documented);
  const own = examples.find((e) => e.name === exampleName);
  if (exampleName !== undefined && !own?.mapping) return undefined;
  for (const example of exampleName === undefined ? examples.filter((e) => e.mapping) : [own!]) {
    const pointer = codePointer(op, documented, example.value);
    if (!pointer) continue;
    const code = leafAt(example.value, pointer);
    const others = [...examples.map((e) => leafAt(e.value, pointer)), ...documentedCodes(op, documented)].filter((c) => c !== undefined && c !== code);
    if (others.length > 0) return { pointer, code: others[0] };
  }
  return undefined;
}

/**
 * Where a page documents two answers to one case (a scenario's `alternatives`), a vendor may give
 * the other one: requests of that scenario (its path, with the sample fixtures) get the
 * alternative's status and documented body.
 */
export function alternativeAnswers(scenarios: Scenario[], fixtures: (vendor: string) => Fixtures): Variant[] {
  return scenarios.flatMap((scenario) =>
    (scenario.alternatives ?? []).map((alternative): Variant => {
      const op = operation(scenario.vendor, scenario.operationId);
      const path = `/${scenario.vendor}${buildRequest(op, scenario.request(fixtures(scenario.vendor)), { authorization: () => undefined, capabilities: { control: false } } as never).url.split('?')[0]}`;
      const documented = documentedOf(op, alternative.status)!;
      const example = namedExamples(op, documented).find((e) => e.name === alternative.example);
      const mediaType = Object.keys(documented.content)[0];
      return {
        name: `${scenario.id} answered with its documented alternative ${alternative.status} ${alternative.example ?? ''}`.trim(),
        vendors: [scenario.vendor],
        response: (request, response) =>
          request.path === path && response.status === scenario.status
            ? { status: alternative.status, headers: mediaType ? { 'content-type': mediaType } : {}, body: example?.value }
            : response,
      };
    }),
  );
}
