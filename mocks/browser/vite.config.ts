import { defineConfig } from 'vite';

// The demo page: `npx vite mocks/browser` (or `npm run demo`).
export default defineConfig({
  root: import.meta.dirname,
  server: { host: '127.0.0.1' },
  logLevel: 'warn',
});
