/**
 * Removes secrets from anything the suite prints or writes. Given an Authorization value it also
 * hides its credential part alone (the token, or the base64 of Basic) and Basic's decoded form.
 * A secret is removed from the text as written: reports escape what they carry (JSON, XML,
 * Markdown tables, shell quoting in curl lines, and these nested), so each escaped form of a
 * secret is removed too.
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

/** The ways a report may have written a string. */
const ESCAPES: ((s: string) => string)[] = [
  (s) => s.replace(/'/g, `'\\''`), // inside a single-quoted shell word (curl lines)
  (s) => JSON.stringify(s).slice(1, -1),
  (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
  (s) => s.replace(/\|/g, '\\|'),
];

/** A secret and every form two layers of escaping give it (a curl line inside JSON or XML). */
export function writtenForms(secret: string): string[] {
  const forms = new Set([secret]);
  for (let depth = 0; depth < 2; depth++) for (const form of [...forms]) for (const escape of ESCAPES) forms.add(escape(form));
  return [...forms];
}

export function redact(text: string, secrets: string[]): string {
  const forms = [...new Set(secrets.flatMap(writtenForms))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const form of forms) out = out.split(form).join('[REDACTED]');
  return out;
}
