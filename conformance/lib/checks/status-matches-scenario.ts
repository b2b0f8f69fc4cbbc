import { scenarioBasis } from '../basis.ts';
import { defineCheck } from './check.ts';

/** The status the scenario provokes is the one that comes back (bind twice → 409, not 202). */
export const statusMatchesScenario = defineCheck('statusMatchesScenario', ({ scenario, response, expectedStatus, step }) =>
  response.status === expectedStatus
    ? []
    : [
        {
          expected: String(expectedStatus),
          actual: String(response.status),
          hint:
            step === 'setup'
              ? 'A setup step of this scenario failed; check the fixtures the target was given.'
              : `The implementation does not honour the rule this scenario isolates: ${scenario.rule}.`,
          // Only an outcome the vendor itself documents is a hard expectation on a sandbox.
          inferred: step === 'main' ? scenarioBasis(scenario) : undefined,
        },
      ],
);
