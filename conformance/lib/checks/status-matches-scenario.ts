import { defineCheck } from './check.ts';

/** The status the scenario provokes is the one that comes back (bind twice → 409, not 202). */
export const statusMatchesScenario = defineCheck('statusMatchesScenario', ({ response, expectedStatus, step, documented }) =>
  response.status === expectedStatus
    ? []
    : [
        {
          expected: String(expectedStatus),
          actual: String(response.status),
          hint:
            step === 'setup'
              ? 'A setup step of this scenario failed; check the fixtures the target was given.'
              : 'The implementation does not honour the documented rule this scenario exercises (state, validation or auth).',
          // Only a status the vendor itself documents is a hard expectation on a sandbox.
          inferred: documented?.inferred === true,
        },
      ],
);
