/** A spec path (`/cards/{cardId}/bind`) as a matcher of request paths. */

/** Path parameters (still percent-encoded) when `path` is the spec path, else undefined; a trailing slash is allowed. */
export type PathMatcher = (path: string) => Record<string, string> | undefined;

export function pathMatcher(specPath: string): PathMatcher {
  const names: string[] = [];
  const pattern = new RegExp(
    '^' +
      specPath.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      }) +
      '/?$',
  );
  return (path) => {
    const m = pattern.exec(path);
    if (!m) return undefined;
    return Object.fromEntries(names.map((name, i) => [name, m[i + 1]!]));
  };
}
