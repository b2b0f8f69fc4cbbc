import { bodyMatchesSchema } from './body-matches-schema.ts';
import type { Check } from './check.ts';
import { contentTypeDocumented } from './content-type-documented.ts';
import { errorCodeDocumented } from './error-code-documented.ts';
import { noServerError } from './no-server-error.ts';
import { rejectsInvalidInput } from './rejects-invalid-input.ts';
import { requiredHeadersPresent } from './required-headers-present.ts';
import { requiresAuth } from './requires-auth.ts';
import { statusDocumented } from './status-documented.ts';
import { statusMatchesScenario } from './status-matches-scenario.ts';
import { echoesRequest } from './echoes-request.ts';
import { replayIdempotent } from './replay-idempotent.ts';
import { stateChangeVisible } from './state-change-visible.ts';

/** Every check, run on every response. */
export const CHECKS: Check[] = [
  statusDocumented,
  statusMatchesScenario,
  contentTypeDocumented,
  bodyMatchesSchema,
  errorCodeDocumented,
  requiredHeadersPresent,
  noServerError,
  rejectsInvalidInput,
  requiresAuth,
  echoesRequest,
  replayIdempotent,
  stateChangeVisible,
];
