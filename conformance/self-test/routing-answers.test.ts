/**
 * Our mocks' own answers to a path or method no operation has are judged like any vendor answer:
 * a documented status, in the vendor's envelope, with a code documented for that status.
 */
import { describe, expect, it } from 'vitest';
import { allVendors } from '../../mocks/vendors/index.ts';
import { judgeExchange } from '../lib/judge-exchange.ts';
import { formatFailure } from '../lib/reporters/terminal.ts';
import { vendorSpec } from '../lib/spec-index.ts';
import { newEngine } from '../targets/mock-targets.ts';

describe('routing answers of our mocks', () => {
  const engine = newEngine();
  it.each(allVendors.map((v) => [v.name] as const))('%s: a method its path does not take, judged against the spec', async (vendor) => {
    const op = vendorSpec(vendor).operations[0]!;
    const path = op.path.replace(/\{[^}]+\}/g, '1');
    const method = op.method === 'delete' ? 'PATCH' : 'DELETE';
    const response = await engine.handle({ method, path: `/${vendor}${path}`, query: new URLSearchParams(), headers: { authorization: String(allVendors.find((v) => v.name === vendor)!.samples.authorization) } });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe(op.method.toUpperCase());
    // Judged as the documented status whose body it carries.
    const text = JSON.stringify(response.body);
    const judged = judgeExchange({
      id: 'routing',
      vendor,
      ownMock: true,
      request: { method: op.method.toUpperCase(), url: path, headers: {} },
      response: { status: 400, headers: response.headers, text, json: response.body, ms: 0 },
    });
    expect(judged.errors.filter((f) => f.check !== 'ruleKept').map(formatFailure)).toEqual([]);
  });

  it.each(allVendors.map((v) => [v.name] as const))('%s: a path no operation has gets a documented status and code', async (vendor) => {
    const op = vendorSpec(vendor).operations[0]!;
    const response = await engine.handle({ method: op.method.toUpperCase(), path: `/${vendor}/no/such/path`, query: new URLSearchParams(), headers: {} });
    expect(op.responses.map((r) => r.status)).toContain(response.status);
    const judged = judgeExchange({
      id: 'routing',
      vendor,
      ownMock: true,
      request: { method: op.method.toUpperCase(), url: op.path.replace(/\{[^}]+\}/g, '1'), headers: {} },
      response: { status: response.status, headers: response.headers, text: JSON.stringify(response.body), json: response.body, ms: 0 },
    });
    expect(judged.errors.filter((f) => f.check === 'errorCodeDocumented').map(formatFailure)).toEqual([]);
  });
});
