import { defineConfig } from 'vite';

// The demo page: `npx vite mocks/browser` (or `npm run demo`).
export default defineConfig({
  root: import.meta.dirname,
  server: { host: '127.0.0.1' },
  logLevel: 'warn',
  plugins: [
    {
      // logLevel 'warn' hides Vite's banner; `npm run demo` still has to say where the page is.
      name: 'cardmock-demo-url',
      configureServer(server) {
        server.httpServer?.once('listening', () => {
          const url = server.resolvedUrls?.local[0];
          if (url) console.log(`cardmock demo: ${url}`);
        });
      },
    },
  ],
});
