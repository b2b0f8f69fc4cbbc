/**
 * Spectral function: every named response example of an operation has a request of the same name
 * — an example of that name in the request body and in every required parameter — so contract
 * tools that turn example pairs into tests (Specmatic, Microcks) can build the whole request for
 * each documented answer. Applied to an operation object, with $refs resolved.
 *
 * A response example marked `x-cardmock-alternative: true` is the other way round: an answer the
 * vendor documents for a case another example answers, which the mock does not give. It must have
 * no request example of its name, or tools would expect the mock to send it.
 */
export default function examplesPaired(operation) {
  if (!operation || typeof operation !== 'object') return [];
  const bodies = Object.values(operation.requestBody?.content ?? {});
  const parameters = (operation.parameters ?? []).filter((p) => p?.required);
  const missingIn = (name) => [
    ...(bodies.length > 0 && !bodies.some((media) => media?.examples?.[name]) ? ['the request body'] : []),
    ...parameters.filter((p) => !p.examples?.[name]).map((p) => `${p.in} parameter ${p.name}`),
  ];
  const requestHas = (name) => bodies.some((media) => media?.examples?.[name]) || (operation.parameters ?? []).some((p) => p?.examples?.[name]);
  const results = [];
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    for (const [mediaType, media] of Object.entries(response?.content ?? {})) {
      for (const [name, example] of Object.entries(media?.examples ?? {})) {
        if (example?.['x-cardmock-alternative'] === true) {
          if (requestHas(name)) {
            results.push({ message: `response example ${name} (${status}) is x-cardmock-alternative, so it must have no request example of that name`, path: ['responses', status, 'content', mediaType, 'examples', name] });
          }
          continue;
        }
        const missing = missingIn(name);
        if (missing.length > 0) {
          results.push({ message: `response example ${name} (${status}) has no request example of that name in ${missing.join(', ')}`, path: ['responses', status, 'content', mediaType, 'examples', name] });
        }
      }
    }
  }
  return results;
}
