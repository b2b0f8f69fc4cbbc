/**
 * The docs' curl lines answer as written: every `curl` in a ```sh block of README.md and docs/*.md,
 * followed by a `# → <status>` comment, is run in order against a fresh server per doc.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createEngine } from '../mocks/core/engine.ts';
import { startServer, type RunningServer } from '../mocks/adapters/node-http.ts';
import { allVendors } from '../mocks/vendors/index.ts';
import { DOCS, readDoc } from './docs.ts';

const run = promisify(execFile);

interface Example {
  env: string[];
  command: string;
  status: number;
}

function curlExamples(doc: string): Example[] {
  const readme = readDoc(doc);
  const examples: Example[] = [];
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = block[1]!.replace(/\\\n\s*/g, ' ').split('\n');
    const env: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (/^[A-Z_]+=\S+$/.test(line)) env.push(line);
      const expected = /^# → (\d{3})/.exec(lines[i + 1]?.trim() ?? '');
      if (line.startsWith('curl ') && expected) examples.push({ env: [...env], command: line, status: Number(expected[1]) });
    }
  }
  return examples;
}

describe.each(DOCS.filter((doc) => curlExamples(doc).length > 0))('%s curl examples', (doc) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ engine: createEngine({ vendors: allVendors, settings: { asyncDelayMs: 0 } }), port: 0 });
  });
  afterAll(() => server?.close());

  it('answer with the status the doc states, in order', async () => {
    const examples = curlExamples(doc);
    const answered: string[] = [];
    for (const { env, command, status } of examples) {
      const local = command.replaceAll('http://127.0.0.1:4010', server.url);
      const script = `${env.join('\n')}\n${local} -s -o /dev/null -w '%{http_code}'`;
      const { stdout } = await run('bash', ['-c', script], { timeout: 10_000 });
      answered.push(`${stdout} ${command.slice(0, 90)}`);
      expect(answered.at(-1)).toBe(`${status} ${command.slice(0, 90)}`);
    }
  });
});

it('the docs hold curl examples (the vendors\' in docs/mocks.md)', () => {
  expect(curlExamples('docs/mocks.md').length).toBeGreaterThanOrEqual(6);
});
