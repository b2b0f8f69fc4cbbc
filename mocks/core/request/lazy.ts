/** A value made on first use: validators are compiled on first call, so start-up does not pay for operations nobody calls. */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
