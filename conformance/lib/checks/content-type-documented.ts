import { additiveBodyBasis, mediaTypeBasis } from '../provenance.ts';
import { defineCheck, preview } from './check.ts';

export const mediaType = (value: string | undefined) => (value ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * A body comes with a documented media type. Where the vendor publishes no body for a status (the
 * media type is x-inferred), another media type or no body at all is only a warning; a body on a
 * status documented without one is an additive change.
 */
export const contentTypeDocumented = defineCheck('contentTypeDocumented', ({ operation, response, documented }) => {
  if (!documented) return [];
  const allowed = Object.keys(documented.content).map((m) => m.toLowerCase());
  const actual = mediaType(response.headers['content-type']);
  if (allowed.length === 0) {
    return response.text === ''
      ? []
      : [
          {
            expected: 'no body',
            actual: `${actual || 'no content-type'}: ${preview(response.text)}`,
            hint: `Status ${response.status} is documented without a body.`,
            inferred: additiveBodyBasis(response.status),
          },
        ];
  }
  if (allowed.includes(actual)) return [];
  const inferred = mediaTypeBasis(operation, documented);
  if (response.text === '') {
    return [{ expected: `a body of ${allowed.join(' or ')}`, actual: '(no body)', hint: `Status ${response.status} is documented with a body.`, inferred }];
  }
  return [{ expected: allowed.join(' or '), actual: actual || '(no content-type)', hint: 'Send the documented Content-Type header with the body.', inferred }];
});
