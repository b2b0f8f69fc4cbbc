import { scenarioBasis } from '../basis.ts';
import { defineCheck } from './check.ts';

/** A request the spec forbids gets a 4xx, never a 2xx. */
export const rejectsInvalidInput = defineCheck('rejectsInvalidInput', ({ scenario, response, step }) =>
  step !== 'main' || scenario.intent !== 'invalid-input' || (response.status >= 400 && response.status < 500)
    ? []
    : [
        {
          expected: '4xx',
          actual: String(response.status),
          hint: `Validate the request against the spec before it reaches the domain (${scenario.rule}).`,
          inferred: scenarioBasis(scenario),
        },
      ],
);
