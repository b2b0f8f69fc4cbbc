/**
 * vitest setup, run in each test file's own module graph: after the file's own hooks, it fails the
 * file if a Prism server it started is still listening (and stops it), so no test can leave one
 * behind. Prism runs in the test's process, so the registry of running servers is the whole truth.
 */
import { afterAll } from 'vitest';
import { runningPrisms } from '../mocks/prism/running.ts';

afterAll(async () => {
  const left = runningPrisms();
  await Promise.all(left.map((prism) => prism.stop()));
  if (left.length > 0) throw new Error(`this test file left ${left.length} Prism server(s) running (stopped now): ${left.map((p) => p.url).join(', ')}`);
});
