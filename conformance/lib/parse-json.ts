/** A response or request body as JSON, or undefined when it is empty or not JSON (the checks say which). */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
