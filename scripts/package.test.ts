/**
 * The packed tarball works for a consumer: `npm pack`, then install it into a scratch project under
 * os.tmpdir() (npm registry only, --prefer-offline) and run there, as written, each consumer block
 * of the README (```lang title=<file>): (a) MSW in plain Node, (b) a shared engine, (c) a Vite
 * build in Chromium, (d) cardmock/vitest against a tiny implementation, (e) `npx cardmock serve` and
 * `conform`, (f) `tsc` with moduleResolution bundler and node16.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify, stripVTControlCharacters } from 'node:util';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, launchChromium } from '../mocks/testing/chromium.ts';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const npm = (cwd: string, args: string[], timeout = 180_000) => exec('npm', args, { cwd, timeout, env: { ...process.env, npm_config_update_notifier: 'false' } });
const npx = (cwd: string, args: string[], timeout = 120_000) => exec('npx', ['--no-install', ...args], { cwd, timeout });

async function readmeBlocks(): Promise<Map<string, string>> {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8');
  return new Map([...readme.matchAll(/```\w+ title=(\S+)\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!]));
}

describe('the packed tarball, installed into a consumer project', () => {
  let scratch: string;
  let consumer: string;
  let blocks: Map<string, string>;
  let tarball: string;
  const started: ChildProcess[] = [];
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'cardmock-package-'));
    consumer = path.join(scratch, 'consumer');
    await mkdir(consumer);
    // prepack builds dist/: a build that fails fails here.
    const { stdout } = await npm(root, ['pack', '--json', '--pack-destination', scratch]);
    const [packed] = JSON.parse(stdout) as [{ filename: string; size: number }];
    tarball = path.join(scratch, packed.filename);
    figures.tarballBytes = (await stat(tarball)).size;
    blocks = await readmeBlocks();
    await writeFile(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    for (const [file, text] of blocks) {
      await mkdir(path.dirname(path.join(consumer, file)), { recursive: true });
      await writeFile(path.join(consumer, file), text);
    }
    const installStarted = performance.now();
    const devDeps = ['vitest@^4', 'typescript@~5.9', 'vite@^8', '@types/node@^20'];
    await npm(consumer, ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...devDeps]);
    figures.installMs = Math.round(performance.now() - installStarted);
  }, 240_000);

  afterAll(async () => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
    console.log(`package figures: ${JSON.stringify(figures)}`);
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('ships JavaScript, types and assets, no sources or tests', async () => {
    const { stdout } = await exec('tar', ['-tzf', tarball]);
    expect(stdout).toMatch(/dist\/mocks\/index\.js/);
    expect(stdout).toMatch(/dist\/mocks\/index\.d\.ts/);
    expect(stdout).toMatch(/dist\/mocks\/control\/dashboard\.html/);
    expect(stdout).toMatch(/dist\/specs\/pismo\.openapi\.yaml/);
    expect(stdout).not.toMatch(/\.test\.(js|ts)|\/self-test\/|scripts\/cli\.ts/);
  });

  it('(a) MSW in plain Node: bind 202, then 409', async () => {
    const { stdout } = await exec(process.execPath, ['bind.mjs'], { cwd: consumer, timeout: 30_000 });
    expect(stdout.trim().split('\n')).toEqual(['202', '409']);
  });

  it('(b) createHandlers({ engine }) shares state with the script', async () => {
    const { stdout } = await exec(process.execPath, ['shared-state.mjs'], { cwd: consumer, timeout: 30_000 });
    expect(stdout.trim()).toBe('CREATED');
  });

  it('(b) a CommonJS require works on Node ≥ 20.19, and says plainly when it cannot', async () => {
    const { stdout } = await exec(process.execPath, ['-e', "console.log(typeof require('cardmock').createEngine)"], { cwd: consumer });
    expect(stdout.trim()).toBe('function');
    const refused = await exec(process.execPath, ['--no-experimental-require-module', '-e', "require('cardmock')"], { cwd: consumer }).catch((e: { stderr: string }) => e);
    expect((refused as { stderr: string }).stderr).toMatch(/cardmock is an ES module package: use `import/);
  });

  it('(d) cardmock/vitest runs the scenarios against the consumer’s own implementation', async () => {
    const { stdout } = await npx(consumer, ['vitest', 'run', 'bind.conformance.test.mjs']);
    expect(stripVTControlCharacters(stdout)).toMatch(/Tests\s+2 passed \| 1 skipped \(3\)/);
  });

  it('(e) npx cardmock serve, then npx cardmock conform against it', async () => {
    expect((await npx(consumer, ['cardmock', '--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const serve = spawn('npx', ['--no-install', 'cardmock', 'serve', '--port', '0', '--quiet'], { cwd: consumer, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    started.push(serve);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        serve.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        serve.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const { stdout } = await npx(consumer, ['cardmock', 'conform', '--base-url', url, '--quiet']);
      expect(stdout).toMatch(/matrix complete/);
    } finally {
      // npx runs cardmock in a child: signal the whole group.
      process.kill(-serve.pid!, 'SIGTERM');
      await new Promise((resolve) => (serve.exitCode !== null ? resolve(null) : serve.once('exit', resolve)));
    }
    const noPrism = await npx(consumer, ['cardmock', 'serve', '--stateless', '--port', '0']).catch((e: { code: number; stderr: string }) => e);
    expect(noPrism).toMatchObject({ code: 1 });
    expect((noPrism as { stderr: string }).stderr.trim()).toBe(
      'cardmock serve --stateless: needs Prism, an optional peer dependency; add it with: npm install --save-dev @stoplight/prism-cli@~5.14',
    );
  });

  it.each(['bundler', 'node16'])('(f) the published types resolve with moduleResolution %s', async (resolution) => {
    const config = {
      compilerOptions: { strict: true, noEmit: true, target: 'es2022', lib: ['es2023', 'dom'], types: ['node'], skipLibCheck: false, module: resolution === 'bundler' ? 'esnext' : 'node16', moduleResolution: resolution },
      files: ['types.ts'],
    };
    await writeFile(path.join(consumer, `tsconfig.${resolution}.json`), JSON.stringify(config));
    await npx(consumer, ['tsc', '-p', `tsconfig.${resolution}.json`]);
  });

  describe.skipIf(!chromiumAvailable)('(c) a Vite app with cardmock/browser', () => {
    let browser: Browser | undefined;
    let server: http.Server | undefined;
    afterAll(async () => {
      await browser?.close();
      server?.closeAllConnections();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
    });

    it('builds with vite build and answers a page fetch from the service worker in Chromium', async () => {
      await npx(consumer, ['msw', 'init', 'web/public', '--no-save']);
      await npx(consumer, ['vite', 'build', 'web', '--logLevel', 'error']);
      const dist = path.join(consumer, 'web/dist');
      server = http.createServer((req, res) => {
        const file = path.join(dist, new URL(req.url ?? '/', 'http://x').pathname.replace(/\/$/, '/index.html'));
        if (!file.startsWith(dist)) return res.writeHead(404).end();
        const type = file.endsWith('.html') ? 'text/html' : 'text/javascript';
        createReadStream(file)
          .once('open', () => res.writeHead(200, { 'content-type': type }))
          .once('error', () => res.writeHead(404).end())
          .pipe(res);
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      browser = await launchChromium();
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.locator('#status', { hasText: 'bind: 202' }).waitFor({ timeout: 30_000 });
    });
  });
});
