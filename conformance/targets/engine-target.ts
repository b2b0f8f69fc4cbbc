/**
 * A cardmock engine judged as one of our own mocks, through its Node request listener: what
 * `conform({ engine })` and `describeConformance` load, and only then, so that judging a URL or a
 * listener needs nothing of the mocks.
 */
import { createRequestListener } from '../../mocks/adapters/node-http.ts';
import type { Engine } from '../../mocks/core/engine.ts';
import type { Target } from '../lib/target.ts';
import { ownMockTarget } from './own-mock-target.ts';

export function engineTarget(engine: Engine, overrides: Partial<Target> = {}): Target {
  const listener = createRequestListener({ engine });
  return ownMockTarget('engine', (vendor) => ({ listener, prefix: `/${vendor}` }), { controlApi: { listener, prefix: '' }, ...overrides });
}
