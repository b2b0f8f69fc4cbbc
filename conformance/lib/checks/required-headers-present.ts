import { headerBasis } from '../provenance.ts';
import { defineCheck } from './check.ts';

/** Response headers the spec marks required are present (extra headers are always fine). */
export const requiredHeadersPresent = defineCheck('requiredHeadersPresent', ({ operation, response, documented }) =>
  Object.entries(documented?.headers ?? {})
    .filter(([, header]) => (header as { required?: boolean }).required === true)
    .filter(([name]) => response.headers[name.toLowerCase()] === undefined)
    .map(([name, header]) => ({
      expected: `header ${name}`,
      actual: 'absent',
      hint: `Status ${response.status} documents a required ${name} header.`,
      inferred: headerBasis(operation, header),
    })),
);
