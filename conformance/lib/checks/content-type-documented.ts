import { defineCheck, preview } from './check.ts';

const mediaType = (value: string | undefined) => (value ?? '').split(';')[0]!.trim().toLowerCase();

/** A body comes with a documented media type; a status documented without a body returns none. */
export const contentTypeDocumented = defineCheck('contentTypeDocumented', ({ response, documented }) => {
  if (!documented) return [];
  const allowed = Object.keys(documented.content).map((m) => m.toLowerCase());
  const actual = mediaType(response.headers['content-type']);
  if (allowed.length === 0) {
    return response.text === ''
      ? []
      : [{ expected: 'no body', actual: `${actual || 'no content-type'}: ${preview(response.text)}`, hint: `Status ${response.status} is documented without a body.` }];
  }
  if (allowed.includes(actual)) return [];
  return [{ expected: allowed.join(' or '), actual: actual || '(no content-type)', hint: 'Send the documented Content-Type header with the body.' }];
});
