/**
 * Spectral function: every named response example of an operation has a request example of the
 * same name — in the request body or in a parameter's `examples` — so contract tools that turn
 * example pairs into tests (Specmatic, Microcks) find the request for each documented answer.
 * Applied to an operation object; resolved $refs.
 */
export default function examplesPaired(operation) {
  if (!operation || typeof operation !== 'object') return [];
  const requestNames = new Set();
  for (const media of Object.values(operation.requestBody?.content ?? {})) for (const name of Object.keys(media?.examples ?? {})) requestNames.add(name);
  for (const parameter of operation.parameters ?? []) for (const name of Object.keys(parameter?.examples ?? {})) requestNames.add(name);
  const results = [];
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    for (const [mediaType, media] of Object.entries(response?.content ?? {})) {
      for (const name of Object.keys(media?.examples ?? {})) {
        if (!requestNames.has(name)) {
          results.push({ message: `response example ${name} (${status}) has no request example of the same name`, path: ['responses', status, 'content', mediaType, 'examples', name] });
        }
      }
    }
  }
  return results;
}
