/**
 * Issue 14, item 6: no function over about 60 lines in mocks/ and scripts/ (tests excluded:
 * a `describe` block is a list of cases, not a function to split). Functions not split yet are
 * listed below with their length today; the list may only shrink: a new long function, a listed
 * one growing, or a listed one that got short (remove it here) all fail.
 */
import { describe, expect, it } from 'vitest';
import { FUNCTION_LINE_LIMIT, longFunctions, measureFunctions } from './function-lengths.ts';

/** `file name` → lines today. Owners: the engineers refactoring mocks/core and serve/bench. */
const NOT_SPLIT_YET: Record<string, number> = {
};

describe('function length', () => {
  const long = longFunctions(['mocks', 'scripts']);
  const found = new Map(long.map((f) => [`${f.file} ${f.name}`, f]));

  it(`no function in mocks/ or scripts/ is over ${FUNCTION_LINE_LIMIT} lines, but those not split yet`, () => {
    const unlisted = long.filter((f) => !(`${f.file} ${f.name}` in NOT_SPLIT_YET)).map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`);
    expect(unlisted, 'split these into small named functions').toEqual([]);
  });

  it('a function not split yet does not grow', () => {
    const grown = Object.entries(NOT_SPLIT_YET)
      .filter(([key, lines]) => (found.get(key)?.lines ?? 0) > lines)
      .map(([key, lines]) => `${key}: ${found.get(key)!.lines} lines, listed at ${lines}`);
    expect(grown).toEqual([]);
  });

  it('the not-split-yet list holds only functions still over the limit', () => {
    const stale = Object.keys(NOT_SPLIT_YET).filter((key) => !found.has(key));
    expect(stale, 'remove these from NOT_SPLIT_YET: they are split, renamed or gone').toEqual([]);
  });

  it('measures every kind of function, from its signature to its closing brace', () => {
    const text = [
      'export function declared() {',
      '  const arrow = () => {',
      '    return 1;',
      '  };',
      '  return arrow;',
      '}',
      'const bound = function () { return 2; };',
      'class K { method() {',
      '  return 3;',
      '} }',
      'export default () => 4;',
    ].join('\n');
    expect(measureFunctions('x.ts', text).map(({ name, line, lines }) => [name, line, lines])).toEqual([
      ['declared', 1, 6],
      ['declared.arrow', 2, 3],
      ['bound', 7, 1],
      ['method', 8, 3],
      ['<anonymous>@11', 11, 1],
    ]);
  });
});
