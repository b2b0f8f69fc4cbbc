/**
 * Prism's own libraries, the ones `prism mock` and `prism proxy` are built from
 * (`@stoplight/prism-cli/dist/util/createServer.js`): the spec loader, the HTTP server and the
 * logger. They are resolved from where `@stoplight/prism-cli` is installed, because only the CLI is
 * our (optional) peer dependency: npm need not hoist its own dependencies next to ours.
 * Importing this module throws MODULE_NOT_FOUND naming `@stoplight/prism-cli` when it is absent.
 * @see https://github.com/stoplightio/prism/blob/master/packages/cli/src/util/createServer.ts
 */
import { createRequire } from 'node:module';

type HttpServerLibrary = typeof import('@stoplight/prism-http-server');
type HttpLibrary = typeof import('@stoplight/prism-http');
type CoreLibrary = typeof import('@stoplight/prism-core');

const fromCli = createRequire(createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json'));

export const { createServer } = fromCli('@stoplight/prism-http-server') as HttpServerLibrary;
export const { getHttpOperationsFromSpec } = fromCli('@stoplight/prism-http') as HttpLibrary;
export const { createLogger } = fromCli('@stoplight/prism-core') as CoreLibrary;
