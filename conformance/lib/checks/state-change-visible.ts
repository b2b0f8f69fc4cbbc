import { expectationBasis } from '../provenance.ts';
import { defineCheck } from './check.ts';

/**
 * A success changes state visibly: the same request again gets the documented rejection, never a
 * second success (bind twice → 409; assign twice → 400).
 */
export const stateChangeVisible = defineCheck('stateChangeVisible', ({ scenario, rule, response, step, history }) => {
  if (step !== 'main' || scenario.proves !== 'state-change') return [];
  const first = history?.at(-1)?.response;
  if (!first || first.status >= 300 || response.status >= 300) return [];
  return [
    {
      expected: `${scenario.status} after the first ${first.status}`,
      actual: `${response.status} again`,
      hint: `The first success left no trace: ${rule?.rule ?? scenario.rule}`,
      inferred: expectationBasis(scenario),
    },
  ];
});
