/**
 * Broken implementations, one deviation each, and the check that must catch it. Each mutant wraps
 * the real engine and changes only the responses its predicate selects.
 */
import type { MockRequest, MockResponse } from '../../mocks/core/types.ts';

export interface Mutant {
  name: string;
  /** The check that must fire. */
  check: string;
  vendor: string;
  mutate(request: MockRequest, response: MockResponse): MockResponse;
}

const isVendor = (request: MockRequest, vendor: string) => request.path.startsWith(`/${vendor}/`);
const body = (response: MockResponse) => response.body as any;
const successOfPaysafe = (request: MockRequest) => {
  const m = /customers\/([^/]+)\/prepaid\/cards\/([^/]+)\/assignments/.exec(request.path);
  return { cardId: m?.[2], customerId: m?.[1], targetCustomerId: 'accepted' };
};

export const MUTANTS: Mutant[] = [
  {
    name: 'undocumented status: 404 on Pismo bind',
    check: 'statusDocumented',
    vendor: 'pismo',
    mutate: (req, res) => (isVendor(req, 'pismo') && res.status === 409 ? { ...res, status: 404 } : res),
  },
  {
    name: 'wrong documented error code',
    check: 'errorCodeDocumented',
    vendor: 'paysafe',
    mutate: (req, res) =>
      isVendor(req, 'paysafe') && res.status === 400 && body(res)?.error?.code === 'DW-PREPAID-CARDS-ALREADY-ASSIGNED-CARD'
        ? { ...res, body: { error: { ...body(res).error, code: 'DW-NO-SUCH-CUSTOMER' } } }
        : res,
  },
  {
    name: 'error body missing a required field',
    check: 'bodyMatchesSchema',
    vendor: 'paysafe',
    mutate: (req, res) => {
      if (!isVendor(req, 'paysafe') || res.status !== 404) return res;
      const { message: _dropped, ...rest } = body(res).error;
      return { ...res, body: { error: rest } };
    },
  },
  {
    name: 'wrong content type',
    check: 'contentTypeDocumented',
    vendor: 'paysafe',
    mutate: (req, res) => (isVendor(req, 'paysafe') && res.status === 200 ? { ...res, headers: { ...res.headers, 'content-type': 'text/plain' } } : res),
  },
  {
    name: 'success body missing a required field',
    check: 'bodyMatchesSchema',
    vendor: 'paysafe',
    mutate: (req, res) => {
      if (!isVendor(req, 'paysafe') || res.status !== 200) return res;
      const { targetCustomerId: _dropped, ...rest } = body(res);
      return { ...res, body: rest };
    },
  },
  {
    name: 'second bind answered 202 instead of 409',
    check: 'statusMatchesScenario',
    vendor: 'pismo',
    mutate: (req, res) => (isVendor(req, 'pismo') && res.status === 409 ? { status: 202, headers: {}, body: undefined } : res),
  },
  {
    name: 'invalid input accepted with 2xx',
    check: 'rejectsInvalidInput',
    vendor: 'paysafe',
    mutate: (req, res) =>
      isVendor(req, 'paysafe') && res.status === 400 && body(res)?.error?.fieldErrors
        ? { status: 200, headers: { 'content-type': 'application/json' }, body: successOfPaysafe(req) }
        : res,
  },
  {
    name: '500 on malformed JSON',
    check: 'noServerError',
    vendor: 'pismo',
    mutate: (req, res) => {
      if (!isVendor(req, 'pismo') || res.status !== 400 || req.body === undefined) return res;
      try {
        JSON.parse(req.body);
        return res;
      } catch {
        return { ...res, status: 500 };
      }
    },
  },
  {
    name: 'request without credentials accepted',
    check: 'requiresAuth',
    vendor: 'paysafe',
    mutate: (req, res) =>
      isVendor(req, 'paysafe') && res.status === 401 ? { status: 200, headers: { 'content-type': 'application/json' }, body: successOfPaysafe(req) } : res,
  },
  {
    name: 'a field of the wrong type',
    check: 'bodyMatchesSchema',
    vendor: 'paysafe',
    mutate: (req, res) =>
      isVendor(req, 'paysafe') && res.status === 200 ? { ...res, body: { ...body(res), customerId: Number(body(res).customerId) || 1 } } : res,
  },
];
