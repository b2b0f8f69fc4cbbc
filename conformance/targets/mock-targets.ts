/**
 * Targets over cardmock's own mocks: the one place in conformance/ besides self-test that knows
 * mocks exist. Credentials and fixtures come from each vendor module's `samples`; every scenario
 * runs in its own session, so it starts from the default fixtures.
 */
import { setupServer } from 'msw/node';
import type { Engine } from '../../mocks/core/engine.ts';
import { createHandlers, sandboxBaseUrl } from '../../mocks/adapters/msw.ts';
import { createRequestListener, startServer } from '../../mocks/adapters/node-http.ts';
import type { Target } from '../lib/target.ts';
import { newEngine, ownMockTarget } from './own-mock-target.ts';

export { newEngine, ownMockTarget, served } from './own-mock-target.ts';

export interface StartedTarget {
  target: Target;
  stop(): Promise<void>;
}

/** The Node request listener in this process; the client binds it to an ephemeral loopback port per request. */
export async function inProcessTarget(engine = newEngine()): Promise<StartedTarget> {
  const listener = createRequestListener({ engine });
  return { target: ownMockTarget('in-process', (vendor) => ({ listener, prefix: `/${vendor}` }), { controlApi: { listener, prefix: '' } }), stop: async () => {} };
}

/** The HTTP server on 127.0.0.1, a port of its own choosing. */
export async function loopbackTarget(engine = newEngine()): Promise<StartedTarget> {
  const server = await startServer({ engine, port: 0 });
  return { target: ownMockTarget('http-loopback', (vendor) => `${server.url}/${vendor}`, { controlApi: server.url }), stop: () => server.close() };
}

/** MSW `setupServer`: requests go to each vendor's real host and MSW answers them. */
export async function mswTarget(engine = newEngine()): Promise<StartedTarget> {
  const server = setupServer(...createHandlers({ engine }));
  server.listen({ onUnhandledRequest: 'error' });
  const base = (vendor: string) => sandboxBaseUrl(engine.vendor(vendor)!);
  return { target: ownMockTarget('msw', base), stop: async () => server.close() };
}
