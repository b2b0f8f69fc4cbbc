import { describe, expect, it } from 'vitest';
import { countEntities, jsonDepth } from './session-limits.ts';

describe('jsonDepth', () => {
  it.each([
    ['{}', 1],
    ['[[[]]]', 3],
    ['{"a":{"b":[1,{"c":2}]}}', 4],
    ['{"a":"[[[[{{{{"}', 1], // brackets inside strings do not count
    ['{"a":"\\"[[[["}', 1], // nor after an escaped quote
    ['"plain"', 0],
  ])('%s → %d', (text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
  });

  it('stops counting past the limit', () => {
    expect(jsonDepth('['.repeat(100_000), 32)).toBe(33);
  });

  it('with a limit, tells within it from beyond it, whether the openings are few, many and shallow, or nested', () => {
    expect(jsonDepth('{"a":[1,{"b":2}]}', 32)).toBeLessThanOrEqual(32);
    expect(jsonDepth(`[${'{"a":[1],"b":{}},'.repeat(500)}{}]`, 32)).toBe(3);
    expect(jsonDepth(`${'{"a":'.repeat(33)}1${'}'.repeat(33)}`, 32)).toBe(33);
    expect(jsonDepth(`{"s":"${'['.repeat(50)}"}`, 32)).toBe(1);
  });
});

describe('countEntities', () => {
  it('counts map, set and list entries, one level into plain objects', () => {
    const state = { cards: new Map([[1, {}], [2, {}]]), tags: new Set(['a']), list: [1, 2, 3], index: { byCode: new Map([['x', 1]]) }, nextId: 7, name: 'n' };
    expect(countEntities(state)).toBe(7);
  });
});
