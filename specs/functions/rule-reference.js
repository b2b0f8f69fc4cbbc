/**
 * Spectral function: an `x-cardmock-rule` on a schema node (a documented rule the schema expresses)
 * names a rule of the spec's catalogue, which gives the answer a mock sends when the node fails.
 */
export default function ruleReference(id, _options, context) {
  const paths = context?.document?.data?.paths ?? {};
  const ids = Object.values(paths).flatMap((item) =>
    Object.values(item ?? {}).flatMap((operation) => (Array.isArray(operation?.['x-cardmock-rules']) ? operation['x-cardmock-rules'].map((r) => r?.id) : [])),
  );
  return ids.includes(id) ? [] : [{ message: `x-cardmock-rule ${JSON.stringify(id)} names no rule of this spec's catalogue` }];
}
