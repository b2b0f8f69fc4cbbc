/** Types of the Spectral function beside it, for the tests that call it. */
declare function examplesPaired(operation: unknown): { message: string; path?: string[] }[];
export default examplesPaired;
