#!/usr/bin/env node
// Installed from npm, the CLI runs the compiled JavaScript in dist/. In a cardmock checkout
// (scripts/cli/cli.ts beside this file and tsx installed) it runs the TypeScript source instead, so
// tests and `npm start` never run a stale build.
import { existsSync } from 'node:fs';

const source = new URL('../scripts/cli/cli.ts', import.meta.url);
const fromSource = existsSync(source) && (await import('tsx/esm/api').then(({ register }) => (register(), true), () => false));
await import(fromSource ? source.href : '../dist/scripts/cli/cli.js');
