/**
 * cardmock's own rules: what answers a vendor request that no rule of an operation's catalogue
 * answers — a path or method the vendor does not have, cardmock's own request headers, an injected
 * fault of a status no `fault` rule covers, the session's limits. Each is named in `x-cardmock-rule`
 * and the request log like a vendor's rule (README, "Using the mocks"; specs/README.md, "The rules
 * catalogue"); the body is still the vendor's, in its envelope.
 */
export const CARDMOCK_RULES = {
  'cardmock.unknown-path': 'No operation of the vendor is at this path; the vendor\'s answer to a request it cannot accept is sent.',
  'cardmock.method-not-allowed': 'The path takes other methods: 405 with Allow, in the vendor\'s envelope.',
  'cardmock.control-headers': 'x-cardmock-session, x-cardmock-fault and x-cardmock-delay must be valid (a session name of 1–200 visible characters, a documented status, a delay of 0–60 000 ms).',
  'cardmock.fault': 'An injected fault (x-cardmock-fault or a fault rule) of a status no rule of the catalogue answers as a failure gets the first documented example of that status.',
  'cardmock.client-gone': 'The client went away while a fault delay ran: nothing was changed on its behalf.',
  'cardmock.session-limits': 'A session holds a bounded number of entities and bytes of stored bodies, and a body nests a bounded number of levels (cardmock serve --help lists the limits).',
  'cardmock.request-unparsable': 'A request Node cannot parse (oversized or malformed headers) gets the vendor\'s answer to an invalid request.',
} as const;

export type CardmockRuleId = keyof typeof CARDMOCK_RULES;

/** Where cardmock's own rules come from, as the dashboard shows a rule's source. */
export const CARDMOCK_RULE_SOURCE = "cardmock's own rule, not the vendor's (README, \"Using the mocks\")";
