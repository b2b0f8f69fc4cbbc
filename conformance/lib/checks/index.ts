import { bodyMatchesSchema } from './body-matches-schema.ts';
import type { Check } from './check.ts';
import { contentTypeDocumented } from './content-type-documented.ts';
import { errorCodeDocumented } from './error-code-documented.ts';
import { noServerError } from './no-server-error.ts';
import { promisesKept } from './promises-kept.ts';
import { replayIdempotent } from './replay-idempotent.ts';
import { requiredHeadersPresent } from './required-headers-present.ts';
import { ruleKept } from './rule-kept.ts';
import { stateChangeVisible } from './state-change-visible.ts';
import { statusDocumented } from './status-documented.ts';

/** Every check, run on every response. */
export const CHECKS: Check[] = [
  statusDocumented,
  ruleKept,
  contentTypeDocumented,
  bodyMatchesSchema,
  errorCodeDocumented,
  requiredHeadersPresent,
  noServerError,
  promisesKept,
  replayIdempotent,
  stateChangeVisible,
];
