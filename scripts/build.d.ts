/** Types of scripts/build.js (plain JavaScript: npm's `prepare` runs it with node, before any TypeScript tooling). */
export declare function buildWanted(env: Record<string, string | undefined>, packageRoot: string): boolean;
