import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CARDMOCK_RULES } from './cardmock-rules.ts';

const readme = readFileSync(new URL('../../../docs/mocks.md', import.meta.url), 'utf8');

describe("cardmock's own rules", () => {
  it('are each documented in the README, and the README names no other', () => {
    const documented = [...readme.matchAll(/`(cardmock\.[a-z-]+)`/g)].map((m) => m[1]);
    expect(new Set(documented)).toEqual(new Set(Object.keys(CARDMOCK_RULES)));
  });
});
