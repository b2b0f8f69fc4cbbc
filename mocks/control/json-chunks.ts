/**
 * A state snapshot as JSON text in pieces of about `chunkChars`, yielding to the event loop between
 * pieces: a state of hundreds of thousands of entities is never one giant string (V8 caps strings
 * near 512 MB) and never holds up other sessions' requests while it is written.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function* jsonChunks(snapshot: Record<string, unknown>, chunkChars = 64 * 1024): AsyncGenerator<string> {
  let buffer = '{';
  let first = true;
  for (const [kind, value] of Object.entries(snapshot)) {
    buffer += `${first ? '' : ','}${JSON.stringify(kind)}:`;
    first = false;
    if (!Array.isArray(value)) {
      buffer += JSON.stringify(value) ?? 'null';
      continue;
    }
    buffer += '[';
    for (let i = 0; i < value.length; i++) {
      buffer += (i === 0 ? '' : ',') + (JSON.stringify(value[i]) ?? 'null');
      if (buffer.length >= chunkChars) {
        yield buffer;
        buffer = '';
        await nextTurn();
      }
    }
    buffer += ']';
  }
  yield `${buffer}}`;
}

/**
 * At most `limit` streams running at once; the others start, in order, as running ones end (read
 * to the end, or abandoned by their reader).
 */
export function turns(limit: number): { run<T>(start: () => AsyncGenerator<T>): AsyncGenerator<T> } {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async *run(start) {
      // A stream that ends hands its turn to the first one waiting.
      if (running < limit) running++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        yield* start();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
  };
}
