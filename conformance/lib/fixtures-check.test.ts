/**
 * Fixtures are read against what the scenarios need: an unknown vendor or key (with the name it was
 * most likely meant to be) and a value that is no ID are named, one line each; the README's example
 * file and every vendor's own samples pass.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../cases/index.ts';
import { conform } from '../index.ts';
import { closest, fixturesProblems } from './fixtures-check.ts';

describe('fixturesProblems', () => {
  it('names an unknown vendor and an unknown key, with a did-you-mean', () => {
    expect(fixturesProblems({ paysafee: { customerId: '1' }, paysafe: { customerID: '1', targetCustomerId: '2' } }, scenarios)).toEqual([
      'unknown vendor "paysafee" (did you mean paysafe?); vendors: capillary, enfuce, exchange-solutions, paysafe, pismo',
      'paysafe.customerID is no fixture a scenario uses (did you mean customerId?)',
    ]);
  });

  it('names a value that is no ID, or no list of IDs', () => {
    expect(fixturesProblems({ pismo: { unboundCardId: { id: 7001 }, boundCardId: [], accountId: [1001, null] } }, scenarios)).toEqual([
      'pismo.unboundCardId must be a string, a number or a non-empty list of them, not an object',
      'pismo.boundCardId must be a string, a number or a non-empty list of them, not a list of other things',
      'pismo.accountId must be a string, a number or a non-empty list of them, not a list of other things',
    ]);
    expect(fixturesProblems([], scenarios)).toHaveLength(1);
  });

  it('passes pools, and no guess where nothing is close', () => {
    expect(fixturesProblems({ pismo: { unboundCardId: [7001, 7002], accountId: 1001 } }, scenarios)).toEqual([]);
    expect(closest('zzzzzz', ['customerId'])).toBeUndefined();
  });

  it('conform() refuses such fixtures before any request, naming the problem', async () => {
    // @ts-expect-error a misspelt key does not compile either: here as a JavaScript caller or a JSON file would send it
    await expect(conform({ baseUrl: 'http://127.0.0.1:9', vendors: ['paysafe'], fixtures: { paysafe: { customerID: '1' } } })).rejects.toThrow(
      /paysafe\.customerID is no fixture a scenario uses \(did you mean customerId\?\)/,
    );
  });

  it("passes the README's example fixtures file", () => {
    const readme = readFileSync(new URL('../../docs/conformance.md', import.meta.url), 'utf8');
    const block = /```json title=sandbox\.fixtures\.json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, 'the README has a sandbox.fixtures.json block').toBeDefined();
    expect(fixturesProblems(JSON.parse(block!), scenarios)).toEqual([]);
  });
});
