/**
 * Starts Prism (`prism mock` or `prism proxy`) as a child process on a port it picks, waits until
 * it listens, and stops it again. Every child is also killed when this process exits, so a failed
 * test or a Ctrl-C leaves no Prism behind.
 * @see https://docs.stoplight.io/docs/prism/
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface PrismOptions {
  mode: 'mock' | 'proxy';
  /** Path of the OpenAPI file. */
  spec: string;
  /** For `proxy`: the upstream base URL (e.g. `http://127.0.0.1:4010/paysafe`). */
  upstream?: string;
  host?: string;
  /** 0 (default) lets Prism pick a free port. */
  port?: number;
  /** `--errors`: turn request/response violations into errors instead of warnings. */
  errors?: boolean;
  /** `--dynamic`: generate bodies from schemas instead of using examples. */
  dynamic?: boolean;
  startTimeoutMs?: number;
  /** Each line Prism prints after it started. */
  onLine?: (line: string) => void;
}

export interface PrismProcess {
  url: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const prismPackage = require.resolve('@stoplight/prism-cli/package.json');
const prismBin = path.join(path.dirname(prismPackage), (require(prismPackage) as { bin: { prism: string } }).bin.prism);

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function killAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

export function startPrism(options: PrismOptions): Promise<PrismProcess> {
  const host = options.host ?? '127.0.0.1';
  const args = [prismBin, options.mode, '-h', host, '-p', String(options.port ?? 0)];
  if (options.mode === 'proxy') {
    if (!options.upstream) throw new Error('prism proxy needs an upstream URL');
    args.push(options.spec, options.upstream);
  } else {
    args.push(options.spec);
  }
  if (options.errors) args.push('--errors');
  if (options.dynamic) args.push('--dynamic');

  killAllOnExit();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => running.delete(child));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise<PrismProcess>((resolve, reject) => {
    const output: string[] = [];
    let ready = false;
    const timeout = setTimeout(() => {
      void stop();
      reject(new Error(`prism ${options.mode} ${path.basename(options.spec)} did not start within ${options.startTimeoutMs ?? 30_000} ms:\n${output.join('\n')}`));
    }, options.startTimeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        if (ready) {
          options.onLine?.(line);
          continue;
        }
        output.push(line);
        const m = /Prism is listening on (http:\/\/\S+?):(\d+)/.exec(line);
        if (m) {
          ready = true;
          clearTimeout(timeout);
          resolve({ url: `${m[1]}:${m[2]}`, port: Number(m[2]), child, stop });
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      if (ready) return;
      clearTimeout(timeout);
      reject(new Error(`prism ${options.mode} ${path.basename(options.spec)} exited (${signal ?? code}) before listening:\n${output.join('\n')}`));
    });
  });
}
