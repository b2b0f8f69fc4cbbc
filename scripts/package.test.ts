/**
 * The package works for a consumer, installed each way the README gives: the packed tarball
 * (`npm pack`) and a git URL (a clone of this working tree, `git+file://`, which npm builds on
 * install through `prepare`). Each goes into a scratch project under os.tmpdir() (npm registry
 * only, --prefer-offline) that runs, as written, each consumer block of the README
 * (```lang title=<file>) and the checks in scripts/package-consumer/: (a) MSW in plain Node,
 * (b) a shared engine, (c) a Vite build in Chromium, (d) cardmock/vitest against a tiny
 * implementation, (e) `npx cardmock serve` and `conform`, (f) `tsc` with moduleResolution bundler
 * and node16, mistakes that must not compile among them, (g) the typed openapi-fetch recipe at
 * Paysafe's test host, (h) describeConformance with fixture pools. `npm publish --dry-run` is clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify, stripVTControlCharacters } from 'node:util';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, launchChromium } from '../mocks/testing/chromium.ts';
import { scenarios } from '../conformance/cases/index.ts';
import { DOCS, readDoc } from './docs.ts';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const consumerFiles = path.join(root, 'scripts/package-consumer');
const npm = (cwd: string, args: string[], timeout = 240_000) => exec('npm', args, { cwd, timeout, env: { ...process.env, npm_config_update_notifier: 'false' } });
const npx = (cwd: string, args: string[], timeout = 120_000) => exec('npx', ['--no-install', ...args], { cwd, timeout });
/** tsc in the consumer; its errors (printed on stdout) become the failure's message. */
const tsc = (cwd: string, config: string) =>
  npx(cwd, ['tsc', '-p', config]).catch((error: { stdout?: string }) => {
    throw new Error(`tsc -p ${config}:\n${error.stdout ?? String(error)}`);
  });
const git = (cwd: string, args: string[]) => exec('git', ['-c', 'user.name=cardmock', '-c', 'user.email=cardmock@localhost', ...args], { cwd, maxBuffer: 16 * 1024 * 1024 });
const figures: Record<string, number> = {};

/** The consumer blocks of every doc (```lang title=<file>), as the consumer's files. */
async function readmeBlocks(): Promise<Map<string, string>> {
  return new Map(DOCS.flatMap((doc) => [...readDoc(doc).matchAll(/```\w+ title=(\S+)\n([\s\S]*?)```/g)]).map((m) => [m[1]!, m[2]!]));
}

/** `npm pack` into `scratch` (prepare builds dist/ first: a build that fails fails here). */
async function packTarball(scratch: string): Promise<string> {
  const { stdout } = await npm(root, ['pack', '--json', '--pack-destination', scratch]);
  const [packed] = JSON.parse(stdout) as [{ filename: string }];
  const tarball = path.join(scratch, packed.filename);
  figures.tarballBytes = (await stat(tarball)).size;
  return tarball;
}

/** This working tree as a git repository of its own (tracked and new files, nothing ignored), as a git URL npm installs from. */
async function gitSnapshot(scratch: string): Promise<string> {
  const repo = path.join(scratch, 'repo');
  const { stdout } = await git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  const files = stdout.split('\0').filter((file) => file !== '');
  await Promise.all(files.map((file) => cp(path.join(root, file), path.join(repo, file)).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)))));
  await git(repo, ['init', '-q']);
  await git(repo, ['add', '-A']);
  await git(repo, ['commit', '-q', '-m', 'snapshot']);
  return `git+file://${repo}`;
}

/** A scratch project with the README's blocks and scripts/package-consumer, and cardmock installed from `source`. */
async function consumerProject(scratch: string, kind: string, source: string): Promise<string> {
  const consumer = path.join(scratch, `consumer-${kind}`);
  await mkdir(consumer);
  await writeFile(path.join(consumer, 'package.json'), JSON.stringify({ name: `consumer-${kind}`, private: true, type: 'module' }));
  for (const [file, text] of await readmeBlocks()) {
    await mkdir(path.dirname(path.join(consumer, file)), { recursive: true });
    await writeFile(path.join(consumer, file), text);
  }
  await cp(consumerFiles, consumer, { recursive: true });
  const started = performance.now();
  const devDeps = ['vitest@^4', 'typescript@~5.9', 'vite@^8', '@types/node@^20', 'openapi-fetch@^0.17', 'jest@^30'];
  await npm(consumer, ['install', '--prefer-offline', '--no-audit', '--no-fund', source, ...devDeps]);
  figures[`${kind}InstallMs`] = Math.round(performance.now() - started);
  return consumer;
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'cardmock-package-'));
});
afterAll(async () => {
  console.log(`package figures: ${JSON.stringify(figures)}`);
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('npm publish --dry-run', () => {
  it('packs the files, exports and types, and warns of nothing but the missing login', async () => {
    // An unreachable registry besides --dry-run: nothing can leave this machine (and no retries to wait out).
    const { stdout, stderr } = await npm(root, ['publish', '--dry-run', '--json', '--registry', 'http://127.0.0.1:9/', '--fetch-retries=0']);
    const warnings = stderr.split('\n').filter((line) => /^npm (warn|error)/i.test(line));
    expect(warnings.filter((line) => !/requires you to be logged in/.test(line))).toEqual([]);
    const { files } = (JSON.parse(stdout) as { cardmock: { files: { path: string }[] } }).cardmock;
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/cardmock.js', 'dist/mocks/index.d.ts', 'dist/mocks/types.d.ts', 'dist/generated/paysafe.d.ts', 'dist/scripts/cli/cli.js']));
    expect(paths.filter((p) => /\.test\.(js|ts)$|\/self-test\/|^scripts\/|^mocks\/|^specs\//.test(p))).toEqual([]);
  }, 120_000);
});

describe.each(['tarball', 'git'] as const)('cardmock installed from a %s, in a consumer project', (kind) => {
  let consumer: string;
  let tarball: string | undefined;
  const started: ChildProcess[] = [];

  beforeAll(async () => {
    if (kind === 'tarball') tarball = await packTarball(scratch);
    consumer = await consumerProject(scratch, kind, kind === 'tarball' ? tarball! : await gitSnapshot(scratch));
  }, 400_000);

  afterAll(() => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('ships JavaScript, types and assets, no sources or tests', async () => {
    const installed = path.join(consumer, 'node_modules/cardmock');
    const { stdout } = await exec('find', ['.', '-type', 'f'], { cwd: installed, maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).toMatch(/dist\/mocks\/index\.js/);
    expect(stdout).toMatch(/dist\/mocks\/index\.d\.ts/);
    expect(stdout).toMatch(/dist\/generated\/enfuce\.d\.ts/);
    expect(stdout).toMatch(/dist\/mocks\/control\/dashboard\.html/);
    expect(stdout).toMatch(/dist\/specs\/pismo\.openapi\.yaml/);
    expect(stdout).not.toMatch(/\.test\.(js|ts)|\/self-test\/|scripts\/cli\.ts|node_modules/);
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

  // types-checked.ts holds @ts-expect-error lines: a typo'd vendor name, operation id, status or
  // fixture key that compiles fails tsc ("Unused '@ts-expect-error' directive").
  // Both resolutions read the same .d.ts files however the package came: the git install checks one.
  it.each(kind === 'tarball' ? ['bundler', 'node16'] : ['node16'])('(f) the published types resolve with moduleResolution %s; typos do not compile', async (resolution) => {
    const config = {
      compilerOptions: { strict: true, noEmit: true, target: 'es2022', lib: ['es2023', 'dom'], types: ['node'], skipLibCheck: false, module: resolution === 'bundler' ? 'esnext' : 'node16', moduleResolution: resolution },
      files: ['types.ts', 'typed-client.ts', 'my-vendor-types.ts', 'types-checked.ts'],
    };
    await writeFile(path.join(consumer, `tsconfig.${resolution}.json`), JSON.stringify(config));
    await tsc(consumer, `tsconfig.${resolution}.json`);
  });

  it("(g) the typed openapi-fetch recipe: compiled, its calls answered over MSW at Paysafe's test host and at Enfuce's", async () => {
    // (f) checks the libraries' types; this compile only emits the recipe to run it.
    const config = { compilerOptions: { strict: true, target: 'es2022', lib: ['es2023', 'dom'], types: ['node'], module: 'node16', moduleResolution: 'node16', outDir: 'out', skipLibCheck: true }, files: ['typed-client.ts'] };
    await writeFile(path.join(consumer, 'tsconfig.run.json'), JSON.stringify(config));
    await tsc(consumer, 'tsconfig.run.json');
    const { stdout } = await exec(process.execPath, ['out/typed-client.js'], { cwd: consumer, timeout: 30_000 });
    expect(stdout.trim().split('\n')).toEqual(['200 1233333323', '201 3000001']);
  });

  it('(h) describeConformance with fixture pools: every scenario passes on a server without sessions but those that need fault injection', async () => {
    const pismo = scenarios.filter((s) => s.vendor === 'pismo');
    const report = path.join(consumer, 'pools-report.json');
    await npx(consumer, ['vitest', 'run', 'pools.conformance.test.mjs', '--reporter=json', `--outputFile=${report}`]);
    const { testResults } = JSON.parse(await readFile(report, 'utf8')) as { testResults: { assertionResults: { title: string; status: string }[] }[] };
    const outcomes = Object.fromEntries(testResults.flatMap((file) => file.assertionResults).map((t) => [t.title, t.status]));
    expect(outcomes).toEqual(Object.fromEntries(pismo.map((s) => [s.id, s.fault ? 'skipped' : 'passed'])));
  });

  it('(i) Jest runs the docs\' Jest recipe and the Storybook-style loader, ES modules natively', async () => {
    const jest = path.join(consumer, 'node_modules/jest/bin/jest.js');
    const { stderr } = await exec(process.execPath, ['--experimental-vm-modules', jest, '--ci'], { cwd: consumer, timeout: 120_000 });
    expect(stderr).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(stderr).toMatch(/PASS \.\/bind\.jest\.test\.mjs/);
    expect(stderr).toMatch(/PASS \.\/story\.jest\.test\.mjs/);
  });

  describe.skipIf(!chromiumAvailable)('(c) a Vite app with cardmock/browser', () => {
    let browser: Browser | undefined;
    const servers: http.Server[] = [];
    afterAll(async () => {
      await browser?.close();
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    /** `vite build web` into `outDir` with `env` (a production build: the runner's NODE_ENV=test would make it a development one), served as `vite preview` serves a build. */
    async function built(outDir: string, env: Record<string, string>): Promise<string> {
      await exec('npx', ['--no-install', 'vite', 'build', 'web', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: consumer, timeout: 120_000, env: { ...process.env, NODE_ENV: 'production', ...env } });
      const dist = path.join(consumer, 'web', outDir);
      const server = http.createServer((req, res) => {
        const file = path.join(dist, new URL(req.url ?? '/', 'http://x').pathname.replace(/\/$/, '/index.html'));
        if (!file.startsWith(dist)) return res.writeHead(404).end();
        const type = file.endsWith('.html') ? 'text/html' : 'text/javascript';
        createReadStream(file)
          .once('open', () => res.writeHead(200, { 'content-type': type }))
          .once('error', () => res.writeHead(404).end())
          .pipe(res);
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    }

    const status = async (url: string, expected: string) => {
      browser ??= await launchChromium();
      const page = await browser.newPage();
      await page.goto(url);
      await page.locator('#status', { hasText: expected }).waitFor({ timeout: 30_000 });
      return page;
    };

    it('a build asked to keep the mocks: the page\'s fetch answered by the service worker, a preset and the panel by query', async () => {
      await npx(consumer, ['msw', 'init', 'web/public', '--no-save']);
      const url = await built('dist-mocked', { VITE_CARDMOCK: 'on' });
      await (await status(url, 'bind: 202')).close();
      await (await status(`${url}?preset=pismo.bind-fails`, 'bind: 500')).close();
      const page = await status(`${url}?panel`, 'bind: 202');
      await page.locator('cardmock-panel').getByText('pismo.bind.binds-unbound-card').first().waitFor({ timeout: 30_000 });
      await page.close();
    });

    it('a build not asked for them has no cardmock in it, and its fetch goes to the network', async () => {
      const url = await built('dist-plain', {});
      const assets = path.join(consumer, 'web/dist-plain/assets');
      const code = (await Promise.all((await readdir(assets)).map((f) => readFile(path.join(assets, f), 'utf8')))).join('');
      expect(code).not.toMatch(/x-cardmock-rule|mockServiceWorker/);
      await (await status(url, 'bind: not mocked')).close();
    });
  });
});
