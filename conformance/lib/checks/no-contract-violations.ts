import { defineCheck } from './check.ts';

/**
 * Prism's `sl-violations` header lists what its validator found wrong with the request and the
 * response. Every entry counts, warnings too: Prism reports an undocumented status only as a warning.
 * @see https://docs.stoplight.io/docs/prism/
 */
export const noContractViolations = defineCheck('noContractViolations', ({ response }) => {
  const header = response.headers['sl-violations'];
  if (!header) return [];
  let violations: { location?: string[]; severity?: string; message?: string }[];
  try {
    violations = JSON.parse(header);
  } catch {
    violations = [{ message: header }];
  }
  return violations.map((v) => ({
    expected: 'no contract violation',
    actual: `${v.severity ?? 'violation'} at ${(v.location ?? []).join('.') || '?'}: ${v.message ?? ''}`,
    hint: 'Prism, an independent validator, finds this exchange out of contract.',
  }));
});
