import { defineCheck } from './check.ts';

/** A request without valid credentials is refused with 401. */
export const requiresAuth = defineCheck('requiresAuth', ({ scenario, response, step }) =>
  step !== 'main' || scenario.intent !== 'no-auth' || response.status === 401
    ? []
    : [{ expected: '401', actual: String(response.status), hint: 'Check credentials before anything else and refuse missing or invalid ones with 401.' }],
);
