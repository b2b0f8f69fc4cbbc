import { isDeepStrictEqual } from 'node:util';
import { defineCheck, preview } from './check.ts';

/**
 * An idempotent replay answers the body of the first answer and creates nothing: the session's
 * state after the replay equals the state before it (where the target has a control API).
 */
export const replayIdempotent = defineCheck('replayIdempotent', ({ scenario, rule, response, step, history, state }) => {
  if (step !== 'main' || scenario.proves !== 'idempotent-replay') return [];
  const first = history?.at(-1)?.response;
  const failures = [];
  if (first && !isDeepStrictEqual(first.json ?? first.text, response.json ?? response.text)) {
    failures.push({
      expected: `the first answer again: ${preview(first.text)}`,
      actual: preview(response.text),
      hint: `A replay with the same idempotency key returns the stored answer: ${rule?.rule ?? scenario.rule}`,
    });
  }
  if (state && !isDeepStrictEqual(state.before, state.after)) {
    failures.push({
      expected: 'no change to the state',
      actual: `state changed: ${preview(JSON.stringify(state.after))}`,
      hint: 'The replay created or changed something; it must only return the stored answer.',
    });
  }
  return failures;
});
