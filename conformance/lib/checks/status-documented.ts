import { defineCheck } from './check.ts';

/** Only statuses the spec documents for the operation may come back. */
export const statusDocumented = defineCheck('statusDocumented', ({ operation, response, documented }) =>
  documented
    ? []
    : [
        {
          expected: `one of ${operation.responses.map((r) => r.status).join(', ')}`,
          actual: String(response.status),
          hint: 'Answer with a documented status, mapping the case to the closest one the vendor documents.',
        },
      ],
);
