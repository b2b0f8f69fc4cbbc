/** Test support (not part of the library): a server answer that never ends, 64 KiB chunks written as fast as the client reads. */
import type http from 'node:http';

/** Writes to `res` until the client hangs up; `onChunk` counts the bytes each chunk adds. */
export function writeEndlessly(res: http.ServerResponse, fill: string, onChunk: (bytes: number) => void): void {
  const chunk = Buffer.alloc(64 * 1024, fill);
  const pump = () => {
    while (!res.destroyed) {
      onChunk(chunk.length);
      if (!res.write(chunk)) break;
    }
  };
  res.on('drain', pump);
  pump();
}
