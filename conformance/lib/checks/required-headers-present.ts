import { defineCheck } from './check.ts';

/** Response headers the spec marks required are present. */
export const requiredHeadersPresent = defineCheck('requiredHeadersPresent', ({ response, documented }) =>
  Object.entries(documented?.headers ?? {})
    .filter(([, header]) => (header as { required?: boolean }).required === true)
    .filter(([name]) => response.headers[name.toLowerCase()] === undefined)
    .map(([name]) => ({ expected: `header ${name}`, actual: 'absent', hint: `Status ${response.status} documents a required ${name} header.` })),
);
