/**
 * Fixture pools: on a target without sessions (a vendor sandbox), a scenario that uses up an entity
 * (binds a card, fills an account) must get one no other scenario touches, or it changes what later
 * scenarios see. A fixtures value may therefore be a list. Consuming scenarios take values from the
 * front, one index each; every other scenario reads the last value, which no consumer gets.
 * An exhausted pool skips the scenario with that reason.
 */
import type { FixturePools, Fixtures, Scenario } from './scenario.ts';

const asList = (value: FixturePools[string] | undefined): (string | number)[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export type Allocation = { fixtures: Fixtures } | { exhausted: string };

/**
 * Give each scenario its fixtures. `shared`: the target gives every scenario a fresh session (our
 * mocks), so nothing is used up and each key's first value serves all.
 */
export function allocateFixtures(scenarios: Scenario[], pools: (vendor: string) => FixturePools, shared: boolean): Map<string, Allocation> {
  const out = new Map<string, Allocation>();
  const next = new Map<string, number>();
  for (const scenario of scenarios) {
    const pool = pools(scenario.vendor);
    const keys = [...new Set([...(scenario.needs ?? []), ...Object.keys(pool)])];
    const consumed = shared ? [] : (scenario.consumes ?? []);
    const index = Math.max(0, ...consumed.map((k) => next.get(`${scenario.vendor}.${k}`) ?? 0));
    const exhausted = consumed.filter((key) => index >= consumerRoom(scenarios, scenario.vendor, key, asList(pool[key]).length));
    if (exhausted.length > 0) {
      out.set(scenario.id, { exhausted: `fixture pool exhausted: ${exhausted.map((k) => `${scenario.vendor}.${k}`).join(', ')} has no value left that no other scenario uses (cardmock conform --plan shows how many a run needs)` });
      continue;
    }
    for (const key of consumed) next.set(`${scenario.vendor}.${key}`, index + 1);
    const fixtures: Fixtures = {};
    for (const key of keys) {
      const list = asList(pool[key]);
      if (list.length === 0) continue;
      fixtures[key] = consumed.includes(key) ? list[index]! : list[list.length - 1]!;
      if (shared) fixtures[key] = list[0]!;
    }
    out.set(scenario.id, { fixtures });
  }
  return out;
}

/** How many values consumers may take: all of them, less the last when some scenario only reads the key. */
function consumerRoom(scenarios: Scenario[], vendor: string, key: string, size: number): number {
  return readsKey(scenarios, vendor, key) ? size - 1 : size;
}

const readsKey = (scenarios: Scenario[], vendor: string, key: string) =>
  scenarios.some((s) => s.vendor === vendor && (s.needs ?? []).includes(key) && !(s.consumes ?? []).includes(key));

export interface PlanRow {
  vendor: string;
  key: string;
  /** Scenarios that use a value up. */
  consumers: string[];
  /** Scenarios that only read the key. */
  readers: number;
  /** Values a full run needs. */
  needed: number;
}

/** Per vendor and key, how many values a run of these scenarios needs. */
export function fixturePlan(scenarios: Scenario[]): PlanRow[] {
  const rows = new Map<string, PlanRow>();
  for (const s of scenarios) {
    for (const key of s.needs ?? []) {
      const id = `${s.vendor}.${key}`;
      const row = rows.get(id) ?? { vendor: s.vendor, key, consumers: [], readers: 0, needed: 0 };
      if ((s.consumes ?? []).includes(key)) row.consumers.push(s.id);
      else row.readers++;
      row.needed = row.consumers.length + (row.readers > 0 ? 1 : 0);
      rows.set(id, row);
    }
  }
  return [...rows.values()];
}
