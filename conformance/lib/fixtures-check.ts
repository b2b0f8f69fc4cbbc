/**
 * A fixtures file (or the `fixtures` option) is read against what the scenarios need: a vendor no
 * spec describes, a key no scenario uses (`customerID` for `customerId`) or a value that is no ID
 * would otherwise be ignored in silence, and every scenario that needs the real key skipped. Each
 * problem is one line naming the vendor and key, with the closest known name where there is one.
 */
import type { Scenario } from './scenario.ts';
import { vendorNames } from './spec-index.ts';

const isId = (value: unknown) => typeof value === 'string' || typeof value === 'number';
const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list of other things' : typeof value === 'object' ? 'an object' : typeof value);

/** Edit distance, to name what a misspelt key was meant to be. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** The known name a misspelling was most likely meant to be, if one is close. */
export function closest(name: string, known: string[]): string | undefined {
  const exact = known.find((k) => k.toLowerCase() === name.toLowerCase());
  if (exact) return exact;
  const ranked = known.map((k) => ({ k, d: distance(name.toLowerCase(), k.toLowerCase()) })).sort((a, b) => a.d - b.d);
  return ranked[0] && ranked[0].d <= Math.max(2, Math.floor(name.length / 4)) ? ranked[0].k : undefined;
}

const didYouMean = (name: string, known: string[]) => {
  const guess = closest(name, known);
  return guess ? ` (did you mean ${guess}?)` : '';
};

/** What is wrong with a fixtures object, one line each; empty when every vendor, key and value is one a scenario can use. */
export function fixturesProblems(fixtures: unknown, scenarios: Scenario[]): string[] {
  if (typeof fixtures !== 'object' || fixtures === null || Array.isArray(fixtures)) return ['fixtures must be an object of vendors: {"paysafe": {"customerId": …}}'];
  const vendors = vendorNames();
  const problems: string[] = [];
  for (const [vendor, keys] of Object.entries(fixtures)) {
    if (!vendors.includes(vendor)) {
      problems.push(`unknown vendor "${vendor}"${didYouMean(vendor, vendors)}; vendors: ${vendors.join(', ')}`);
      continue;
    }
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
      problems.push(`${vendor} must be an object of fixture keys, not ${kindOf(keys)}`);
      continue;
    }
    const known = [...new Set(scenarios.filter((s) => s.vendor === vendor).flatMap((s) => s.needs ?? []))];
    for (const [key, value] of Object.entries(keys)) {
      if (!known.includes(key)) problems.push(`${vendor}.${key} is no fixture a scenario uses${didYouMean(key, known)}`);
      else if (!(isId(value) || (Array.isArray(value) && value.length > 0 && value.every(isId)))) {
        problems.push(`${vendor}.${key} must be a string, a number or a non-empty list of them, not ${kindOf(value)}`);
      }
    }
  }
  return problems;
}
