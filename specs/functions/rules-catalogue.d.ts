/** Types of the Spectral function beside it, for the tests that call it. */
declare function rulesCatalogue(operation: unknown, options: unknown, context: { document: { data: unknown } }): { message: string; path?: string[] }[];
export default rulesCatalogue;
