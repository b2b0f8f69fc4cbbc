// `npm run build`, and npm's `prepare` (npm pack, npm publish, and an install from git, where npm
// builds the clone before packing it): tsc writes JavaScript and .d.ts to dist/ in the source
// layout; this copies the files code finds relative to itself (dashboard, specs for Prism, the MSW
// worker) and writes one CommonJS stub per entry that says plainly how to load an ES module.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');

/**
 * Whether to build now. `prepare` also runs when a checkout installs its own dependencies (`npm ci`
 * or `npm install` run in it): there the source runs through tsx and dist/ is not wanted, so the
 * install stays as fast as before and needs nothing but the cache. npm documents both variables:
 * `npm_command` is the command run, `INIT_CWD` the folder it was run in. A git install prepares
 * the clone from the consumer's folder (and the clone's own `npm install` is skipped like any
 * install in place), so it builds once.
 */
export function buildWanted(env, packageRoot) {
  if (env.npm_lifecycle_event !== 'prepare') return true;
  const installing = env.npm_command === 'ci' || env.npm_command === 'install';
  return !(installing && env.INIT_CWD !== undefined && path.resolve(env.INIT_CWD) === path.resolve(packageRoot));
}

function build() {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  rmSync(dist, { recursive: true, force: true });
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: ['ignore', 2, 2] });
  copyAssets();
  writeCommonJsStubs();
}

function copyAssets() {

  cpSync(path.join(root, 'mocks/control/dashboard.html'), path.join(dist, 'mocks/control/dashboard.html'));
  cpSync(path.join(root, 'mocks/browser/public/mockServiceWorker.js'), path.join(dist, 'mockServiceWorker.js'));
  mkdirSync(path.join(dist, 'specs'), { recursive: true });
  for (const file of readdirSync(path.join(root, 'specs')).filter((f) => f.endsWith('.openapi.yaml'))) {
    cpSync(path.join(root, 'specs', file), path.join(dist, 'specs', file));
  }
}

// Node ≥ 20.19 can require() these ES modules; older loaders (Jest's CommonJS runtime, old
// bundlers) cannot, and their own error would not say why.
function writeCommonJsStubs() {
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
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (buildWanted(process.env, root)) {
    build();
    console.error('build: dist/ written');
  } else {
    console.error('build: skipped (this checkout installing its own dependencies runs the source; npm run build builds)');
  }
}
