/**
 * The CLI guides: a version, usage errors that name the wrong flag (prefix, usage, exit 2), a
 * banner with the dashboard, `GET /` pointing at it, and the dashboard's polling kept out of the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { CLI as cli } from '../../mocks/testing/cli-server.ts';

const exec = promisify(execFile);
const fails = (args: string[]) => exec(process.execPath, [cli, ...args], { timeout: 20_000 }).then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);

describe('cardmock CLI', () => {
  it('--version prints the package version', async () => {
    const { stdout } = await exec(process.execPath, [cli, '--version']);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it.each([
    [['serve', '--prot', '4010'], /^cardmock serve: Unknown option '--prot'/],
    [['serve', '--async-delay', '-5'], /^cardmock serve: --async-delay must be a whole number of milliseconds ≥ 0, not "-5"/],
    [['conform', '--timeout', 'abc'], /^cardmock conform: --timeout must be a positive whole number, not "abc"/],
  ])('%j is a usage error: names the flag, prints usage, exits 2', async (args, message) => {
    const { code, stderr } = await fails(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/Usage: cardmock (serve|conform)/);
  });
});

describe('cardmock serve: banner, GET /, quiet dashboard polling', () => {
  let child: ChildProcess;
  let output = '';
  let url: string;
  beforeAll(async () => {
    child = spawn(process.execPath, [cli, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (c) => (output += c));
    child.stderr!.on('data', (c) => (output += c));
    url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', () => {
        const m = /dashboard\s+(http:\/\/\S+)\/__cardmock\//.exec(output);
        if (m) resolve(m[1]!);
      });
      child.once('exit', () => reject(new Error(`serve exited: ${output}`)));
    });
  });
  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  it('GET / points to the dashboard and every vendor prefix', async () => {
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ dashboard: '/__cardmock/', vendors: { pismo: '/pismo', paysafe: '/paysafe', enfuce: '/enfuce', capillary: '/capillary', 'exchange-solutions': '/exchange-solutions' } });
  });

  it('logs vendor calls but not the control API reads the dashboard polls', async () => {
    await fetch(`${url}/__cardmock/sessions`);
    await fetch(`${url}/pismo/wallet/v2/cards/7001/noname/bind`, { method: 'PUT' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(output).toMatch(/PUT \/pismo\/wallet\/v2\/cards\/7001\/noname\/bind 401/);
    expect(output).not.toMatch(/GET \/__cardmock\/sessions/);
  });
});
