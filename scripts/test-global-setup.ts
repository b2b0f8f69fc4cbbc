/**
 * vitest global setup: tags every process the tests start with this run's ID, and after the run
 * fails it if any Prism child is still alive (killing it), so no test can leave one behind.
 */
import { readdir, readFile } from 'node:fs/promises';

export const RUN_ENV = 'CARDMOCK_TEST_RUN';

async function leftovers(runId: string): Promise<{ pid: number; cmd: string }[]> {
  const found: { pid: number; cmd: string }[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const environ = await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => '');
    if (!environ.split('\0').includes(`${RUN_ENV}=${runId}`)) continue;
    const cmd = (await readFile(`/proc/${pid}/cmdline`, 'latin1').catch(() => '')).split('\0').join(' ');
    if (cmd.includes('prism-cli')) found.push({ pid, cmd });
  }
  return found;
}

export default function setup(): () => Promise<void> {
  const runId = `${process.pid}-${Date.now()}`;
  process.env[RUN_ENV] = runId;
  return async () => {
    const left = await leftovers(runId);
    for (const { pid } of left) process.kill(pid, 'SIGKILL');
    if (left.length > 0) {
      console.error(`FAIL: tests left ${left.length} Prism process(es) running (killed now):\n${left.map((l) => `  ${l.pid} ${l.cmd}`).join('\n')}`);
      process.exitCode = 1;
    }
  };
}
