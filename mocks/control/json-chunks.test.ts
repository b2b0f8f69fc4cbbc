import { describe, expect, it } from 'vitest';
import { turns } from './json-chunks.ts';

describe('turns: at most n streams at once', () => {
  it('starts a waiting stream only when a running one ends or is abandoned, in order', async () => {
    const gate = turns(2);
    const started: string[] = [];
    const stream = (name: string) =>
      gate.run(async function* () {
        started.push(name);
        yield `${name}-1`;
        yield `${name}-2`;
      });
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(stream);
    await a!.next();
    await b!.next();
    const cFirst = c!.next();
    const dFirst = d!.next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    // c and d wait without having started: nothing of theirs is built yet.
    expect(started).toEqual(['a', 'b']);
    await a!.next();
    await a!.next(); // a ends
    expect(await cFirst).toEqual({ value: 'c-1', done: false });
    expect(started).toEqual(['a', 'b', 'c']);
    await b!.return(undefined); // b abandoned by its reader
    expect(await dFirst).toEqual({ value: 'd-1', done: false });
    expect(started).toEqual(['a', 'b', 'c', 'd']);
  });
});
