/**
 * Removes secrets from anything the suite prints or writes. Given an Authorization value it also
 * hides its credential part alone (the token, or the base64 of Basic) and Basic's decoded form.
 */
export function secretsOf(authorization: string | undefined): string[] {
  if (!authorization) return [];
  const secrets = new Set<string>([authorization]);
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(authorization);
  if (m) {
    secrets.add(m[2]!);
    if (m[1]!.toLowerCase() === 'basic') {
      try {
        const decoded = atob(m[2]!);
        secrets.add(decoded);
        const password = decoded.slice(decoded.indexOf(':') + 1);
        if (password.length >= 4) secrets.add(password);
      } catch {
        // not base64: the raw value is already covered
      }
    }
  }
  return [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[REDACTED]');
  return out;
}
