/**
 * Warnings grouped by the guessed part of a spec they rest on: most warnings on a faithful vendor
 * rest on a few inferred parts (a body the page never publishes, a code cardmock chose), so each
 * part is one line with the scenarios under it rather than one line per warning.
 */
import type { Failure } from '../checks/check.ts';
import type { ScenarioResult } from '../run.ts';

export interface WarningGroup {
  part: string;
  why: string;
  warnings: Failure[];
  /** The scenarios (or exchanges) with a warning resting on this part, each once. */
  scenarios: string[];
}

export function warningGroups(results: ScenarioResult[]): WarningGroup[] {
  const groups = new Map<string, WarningGroup>();
  for (const warning of results.flatMap((r) => r.warnings)) {
    const part = warning.inferred?.part ?? '(no basis named)';
    const group = groups.get(part) ?? { part, why: warning.inferred?.why ?? '', warnings: [], scenarios: [] };
    group.warnings.push(warning);
    if (!group.scenarios.includes(warning.scenario)) group.scenarios.push(warning.scenario);
    groups.set(part, group);
  }
  return [...groups.values()].sort((a, b) => b.warnings.length - a.warnings.length || a.part.localeCompare(b.part));
}

/** `scenario [check, check]` for each scenario of a group. */
export function groupMembers(group: WarningGroup): string[] {
  return group.scenarios.map((s) => `${s} [${[...new Set(group.warnings.filter((w) => w.scenario === s).map((w) => w.check))].join(', ')}]`);
}
