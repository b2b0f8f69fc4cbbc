/**
 * The scenarios themselves: each names a rule of its operation's catalogue and takes that rule's
 * answer, its spec basis exists, what it uses up is something it needs, ids are unique, and every
 * rule of every catalogue has a scenario or a stated reason.
 */
import { describe, expect, it } from 'vitest';
import { answersOf } from '../../specs/lib/rules.ts';
import { pointerBasis } from '../lib/provenance.ts';
import { operation, vendorNames, vendorSpec } from '../lib/spec-index.ts';
import { scenarios, unprovokable } from './index.ts';

describe('scenarios', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s names a rule of its operation, takes its answer, and a basis that exists', (_id, s) => {
    const rule = operation(s.vendor, s.operationId).rules.find((r) => r.id === s.rule);
    expect(rule, `${s.rule} is not a rule of ${s.vendor} ${s.operationId}`).toBeDefined();
    expect([s.status, ...(s.alternatives ?? []).map((a) => a.status)]).toEqual(answersOf(rule!).map((a) => a.status));
    for (const pointer of s.basis ?? []) expect(() => pointerBasis(s.vendor, pointer)).not.toThrow();
    for (const key of s.consumes ?? []) expect(s.needs ?? []).toContain(key);
  });

  it('has unique ids', () => {
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
  });

  it('covers every rule of every catalogue, or states why it cannot', () => {
    const uncovered = vendorNames()
      .flatMap((v) => vendorSpec(v).operations.flatMap((op) => op.rules.map((r) => ({ vendor: v, id: r.id }))))
      .filter(({ vendor, id }) => !scenarios.some((s) => s.vendor === vendor && s.rule === id) && !unprovokable.some((u) => u.vendor === vendor && u.rule === id))
      .map((r) => r.id);
    expect(uncovered).toEqual([]);
  });
});
