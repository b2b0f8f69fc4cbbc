/** Types of the Spectral function beside it, for the tests that call it. */
declare function ruleReference(id: unknown, options: unknown, context: { document: { data: unknown } }): { message: string }[];
export default ruleReference;
