/**
 * The scenarios themselves: each states the one rule it isolates, its spec basis exists, what it
 * uses up is something it needs, and no two scenarios of a status claim the same rule.
 */
import { describe, expect, it } from 'vitest';
import { pointerBasis } from '../lib/basis.ts';
import { operation } from '../lib/spec-index.ts';
import { scenarios } from './index.ts';

describe('scenarios', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s states its rule and a basis that exists', (_id, s) => {
    expect(s.rule.length).toBeGreaterThan(10);
    for (const pointer of s.basis ?? []) expect(() => pointerBasis(s.vendor, pointer)).not.toThrow();
    for (const key of s.consumes ?? []) expect(s.needs ?? []).toContain(key);
    const documented = operation(s.vendor, s.operationId).responses.map((r) => r.status);
    for (const status of [s.status, ...(s.alternatives ?? []).map((a) => a.status)]) expect(documented).toContain(status);
  });

  it('one rule per scenario: no two scenarios of an operation and status isolate the same rule', () => {
    const seen = new Map<string, string>();
    for (const s of scenarios) {
      const key = `${s.vendor} ${s.operationId} ${s.status} ${s.rule}`;
      expect(seen.get(key), `${s.id} repeats the rule of ${seen.get(key)}`).toBeUndefined();
      seen.set(key, s.id);
    }
  });
});
