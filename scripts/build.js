// `npm run build` (and prepack/prepare): tsc writes JavaScript and .d.ts to dist/ in the source
// layout; this copies the files code finds relative to itself (dashboard, specs for Prism, the MSW
// worker) and writes one CommonJS stub per entry that says plainly how to load an ES module.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: ['ignore', 2, 2] });

cpSync(path.join(root, 'mocks/control/dashboard.html'), path.join(dist, 'mocks/control/dashboard.html'));
cpSync(path.join(root, 'mocks/browser/public/mockServiceWorker.js'), path.join(dist, 'mockServiceWorker.js'));
mkdirSync(path.join(dist, 'specs'), { recursive: true });
for (const file of readdirSync(path.join(root, 'specs')).filter((f) => f.endsWith('.openapi.yaml'))) {
  cpSync(path.join(root, 'specs', file), path.join(dist, 'specs', file));
}

// Node ≥ 20.19 can require() these ES modules; older loaders (Jest's CommonJS runtime, old
// bundlers) cannot, and their own error would not say why.
const entries = { index: './mocks/index.js', msw: './mocks/adapters/msw.js', server: './mocks/server.js', browser: './mocks/browser/start-cardmock.js', conformance: './conformance/index.js', vitest: './conformance/vitest.js' };
for (const [name, target] of Object.entries(entries)) {
  const subpath = name === 'index' ? 'cardmock' : `cardmock/${name}`;
  writeFileSync(
    path.join(dist, `${name}.cjs`),
    `// CommonJS entry of ${subpath}: the package is ESM; this works where require() can load ES modules.\n` +
      `try {\n  module.exports = require(${JSON.stringify(target)});\n} catch (error) {\n` +
      `  if (error && (error.code === 'ERR_REQUIRE_ESM' || error.code === 'ERR_REQUIRE_ASYNC_MODULE' || error instanceof SyntaxError)) {\n` +
      `    throw new Error(${JSON.stringify(`${subpath} is an ES module package: use \`import … from '${subpath}'\` (or await import()), or Node ≥ 20.19 whose require() loads ES modules. In Jest, run it with ESM support or use vitest.`)}, { cause: error });\n` +
      `  }\n  throw error;\n}\n`,
  );
}
console.error('build: dist/ written');
