import { defineCheck, preview } from './check.ts';

/** No 5xx, unless the scenario injected the fault on purpose. */
export const noServerError = defineCheck('noServerError', ({ scenario, response }) =>
  response.status < 500 || scenario.fault
    ? []
    : [{ expected: 'no 5xx', actual: `${response.status} ${preview(response.text)}`, hint: 'The request made the server fail; answer bad input with a documented 4xx.' }],
);
