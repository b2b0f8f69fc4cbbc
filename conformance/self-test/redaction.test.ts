/**
 * `conform` against a target that echoes the credential it was given, deep in a long answer and
 * URL-encoded: no part of it reaches a result, because every failure is redacted before it is
 * cut (cutting first once left 87 characters of a 170-character token in the report).
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../cases/index.ts';
import { runScenario } from '../lib/run.ts';
import type { Target } from '../lib/target.ts';
import { allVendors } from '../../mocks/vendors/index.ts';

const token = `tok/${'A1b2+C3d4='.repeat(17)}`; // 174 characters; '/', '+' and '=' change when URL-encoded
const paysafe = allVendors.find((v) => v.name === 'paysafe')!;

/** Answers every request 500 with the credential it was sent, past the length failures are cut at. */
const echoing: http.RequestListener = (req, res) => {
  req.resume();
  const sent = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
  // The URL-encoded form first, whole within the length failures are cut at; the raw one across the cut.
  res.writeHead(500, { 'content-type': 'text/plain' }).end(`${'x'.repeat(60)} encoded ${encodeURIComponent(sent)}; raw ${sent}; in JSON ${JSON.stringify({ apiToken: sent })}`);
};

const target: Target = {
  name: 'echoing sandbox',
  ownMock: false,
  capabilities: { control: false, mutations: true },
  vendors: ['paysafe'],
  base: () => ({ listener: echoing, prefix: '' }),
  authorization: () => `Bearer ${token}`,
  fixtures: () => paysafe.samples.fixtures,
};

/** Every 24-character slice of the text: any of them in an output is a leak. */
const slices = (text: string) => Array.from({ length: text.length - 23 }, (_, i) => text.slice(i, i + 24));

describe('conform redacts before it cuts', () => {
  it('a credential echoed late in a long answer, raw, URL-encoded or in JSON, leaves no trace in the result', async () => {
    const scenario = scenarios.find((s) => s.id === 'paysafe.assign.200-assign')!;
    const result = await runScenario(target, scenario, true);
    expect(result.outcome).toBe('failed');
    const written = JSON.stringify(result);
    expect(written).toContain('[REDACTED]');
    expect(written).toMatch(/reproduce|curl/);
    for (const form of [token, encodeURIComponent(token)]) {
      const leaked = slices(form).filter((slice) => written.includes(slice) || written.includes(JSON.stringify(slice).slice(1, -1)));
      expect(leaked).toEqual([]);
    }
  });
});
