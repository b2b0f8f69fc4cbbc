/**
 * `import { startServer } from 'cardmock/server'`: the Node HTTP server (what `cardmock serve` runs)
 * and its request listener, for mounting the mocks in your own Node server or test.
 */
export { createRequestListener, startServer, type ServerOptions, type RunningServer } from './adapters/node-http.ts';
