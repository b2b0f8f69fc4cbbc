/**
 * Broken implementations, one deviation each, and the check that must catch it. Each mutant wraps
 * the real engine and changes only the responses its predicate selects.
 */
import type { MockRequest, MockResponse } from '../../mocks/core/types.ts';
import { pismoAccountToken } from '../../mocks/vendors/pismo/account-token.ts';
import { pismoSamples } from '../../mocks/vendors/pismo/fixtures.ts';

export interface Mutant {
  name: string;
  /** The check that must fire. */
  check: string;
  vendor: string;
  /** The rule of a catalogue the mutant breaks, when it breaks one (rule-breaks.ts). */
  rule?: string;
  /** Changes the request before the engine sees it (a rule the server no longer checks). */
  alter?(request: MockRequest): MockRequest;
  mutate(request: MockRequest, response: MockResponse): MockResponse;
}

const keep = (_request: MockRequest, response: MockResponse) => response;

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
    check: 'ruleKept',
    vendor: 'pismo',
    mutate: (req, res) => (isVendor(req, 'pismo') && res.status === 409 ? { status: 202, headers: {}, body: undefined } : res),
  },
  {
    name: 'invalid input accepted with 2xx',
    check: 'ruleKept',
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
    check: 'ruleKept',
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
  {
    name: "Pismo binds with a token of another account (the token's account is not checked)",
    check: 'ruleKept',
    vendor: 'pismo',
    // A server that trusts x-account-id: as if the token were for the account the header names.
    alter: (req) => (isVendor(req, 'pismo') && req.headers['x-account-id'] ? { ...req, headers: { ...req.headers, authorization: `Bearer ${pismoAccountToken(Number(req.headers['x-account-id']))}` } } : req),
    mutate: keep,
  },
  {
    name: 'Pismo binds a customer of another account (membership is not checked)',
    check: 'ruleKept',
    vendor: 'pismo',
    alter: (req) =>
      isVendor(req, 'pismo') && req.headers['x-customer-id'] === String(pismoSamples.fixtures.otherAccountCustomerId) && req.headers['x-account-id'] === String(pismoSamples.fixtures.accountId)
        ? { ...req, headers: { ...req.headers, 'x-customer-id': String(pismoSamples.fixtures.customerId) } }
        : req,
    mutate: keep,
  },
  {
    name: 'Paysafe success body names another customer',
    check: 'promisesKept',
    vendor: 'paysafe',
    mutate: (req, res) => (isVendor(req, 'paysafe') && res.status === 200 ? { ...res, body: { ...body(res), customerId: '1230000001' } } : res),
  },
  {
    name: 'Enfuce replay creates a second card (the idempotency key is ignored)',
    check: 'replayIdempotent',
    vendor: 'enfuce',
    alter: (req) => {
      if (!isVendor(req, 'enfuce')) return req;
      const { 'x-idempotency-key': _ignored, ...headers } = req.headers;
      return { ...req, headers };
    },
    mutate: keep,
  },
  {
    name: 'Capillary accepts the same card number twice',
    check: 'stateChangeVisible',
    vendor: 'capillary',
    mutate: (req, res) => (isVendor(req, 'capillary') && res.status === 409 ? { status: 200, headers: { 'content-type': 'application/json' }, body: { entity: 1, warnings: [] } } : res),
  },
  {
    name: 'an undocumented code for a case the page documents (Paysafe 401)',
    check: 'errorCodeDocumented',
    vendor: 'paysafe',
    mutate: (req, res) => (isVendor(req, 'paysafe') && res.status === 401 ? { ...res, body: { error: { ...body(res).error, code: 'DW-TOKEN-REJECTED' } } } : res),
  },
];
