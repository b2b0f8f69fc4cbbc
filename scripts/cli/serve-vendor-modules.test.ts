/**
 * `serve --vendor-module`: a module's name becomes a URL prefix, a control-API path segment and
 * dashboard text, so names that climb out, shadow the control API or carry markup are refused;
 * a module that never finishes loading is an error, not a silent exit 0.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI } from '../../mocks/testing/cli-server.ts';
import { tempDirDuringSuite } from '../../mocks/testing/suite-server.ts';
import { MODULE_LOAD_TIMEOUT_MS } from './serve-vendor-modules.ts';

const run = promisify(execFile);
const example = fileURLToPath(new URL('../../mocks/testing/example-vendor/index.ts', import.meta.url));

describe('serve --vendor-module', () => {
  const dir = tempDirDuringSuite('cardmock-vendor-modules-');
  /** A module file: the example vendor under another name, or any source. */
  async function moduleFile(source: string): Promise<string> {
    const file = path.join(dir(), `m${Math.random().toString(36).slice(2)}.mjs`);
    await writeFile(file, source);
    return file;
  }
  const named = (name: string) => moduleFile(`import vendor from ${JSON.stringify(example)};\nexport default { ...vendor, name: ${JSON.stringify(name)} };\n`);
  const serve = (file: string) =>
    run(process.execPath, [CLI, 'serve', '--port', '0', '--vendor-module', file], { timeout: MODULE_LOAD_TIMEOUT_MS + 20_000 }).then(
      (r) => ({ code: 0, stderr: r.stderr }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );

  it.each(['../evil', '__cardmock', '<meta http-equiv="refresh" content="0;url=https://evil.example">', 'Paysafe', 'x'.repeat(41), ''])('refuses the name %j with exit 2', async (name) => {
    const result = await serve(await named(name));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/must match \^\[a-z\]\[a-z0-9-\]\{0,39\}\$/);
  });

  it('refuses a module that does not finish loading in time, with exit 2', async () => {
    const result = await serve(await moduleFile('await new Promise(() => {});\nexport default {};\n'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`did not finish loading within ${MODULE_LOAD_TIMEOUT_MS / 1000} s`));
  }, MODULE_LOAD_TIMEOUT_MS + 30_000);
});
