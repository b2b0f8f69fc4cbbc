/**
 * The native Node HTTP adapter: translates `http.IncomingMessage` to a MockRequest, lets the app
 * answer (vendors, control API, dashboard, cardmock's own errors), and writes the MockResponse.
 * Network rules (Host allowlist, loopback or token, origin) are this transport's guard.
 */
import type http from 'node:http';
import { createApp } from '../app/create-app.ts';
import { dashboard } from '../control/dashboard.ts';
import { networkGuard } from './control-guard.ts';
import type { ClientPresence } from '../core/types.ts';
import { mockRequestOf, presenceOf, readBody, write, type BodyRead } from './node-io.ts';
import { DEFAULT_SERVER_LIMITS, type ServerOptions } from './node-server.ts';

export { MAX_BODY_BYTES } from './node-io.ts';
export { startServer, CLOSE_GRACE_MS, DEFAULT_SERVER_LIMITS, MAX_HEADER_BYTES, type RunningServer, type ServerLimits, type ServerOptions } from './node-server.ts';

export function createRequestListener(options: ServerOptions): http.RequestListener {
  const { engine, log } = options;
  const app = createApp({
    engine,
    ...(options.control === false ? { control: false } : {}),
    ...(options.replay ? { replay: options.replay } : {}),
    guard: networkGuard({ controlToken: options.controlToken, allowHosts: [...(options.allowHosts ?? []), ...(options.host ? [options.host] : [])] }),
    dashboard,
    onError: (error, request) => log?.(`${request.method} ${request.path} 500 internal error: ${error instanceof Error ? error.message : String(error)}`),
  });
  const stallMs = options.requestTimeoutMs ?? DEFAULT_SERVER_LIMITS.requestTimeoutMs;

  async function answer(req: http.IncomingMessage, res: http.ServerResponse, read: BodyRead, client: ClientPresence, started: number): Promise<void> {
    const request = mockRequestOf(req, read, client);
    const response = await app.handle(request);
    if (client.gone) {
      log?.(`${request.method} ${request.path} client went away, nothing changed`);
      return;
    }
    write(res, response, stallMs);
    log?.(`${request.method} ${request.path} ${response.status} ${(performance.now() - started).toFixed(1)}ms${response.rule ? ` ${response.rule}` : ''}`);
  }

  return (req, res) => {
    const started = log ? performance.now() : 0;
    const client = presenceOf(req.socket);
    // A write that throws, or a client that went away or timed out while sending (answered 408,
    // or unanswerable): the response is destroyed.
    const destroy = () => res.destroy();
    readBody(req, (read) => void answer(req, res, read, client, started).catch(destroy), destroy);
  };
}
