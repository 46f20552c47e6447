/**
 * Keeps secrets (tokens, passwords, header values) out of every message a backend client produces: the
 * messages end up in notifications and logs, which users paste into bug reports.
 */

/** Replaces every occurrence of a secret in a text. */
export type Redact = (text: string) => string;

/** Secrets shorter than this are not searched for: replacing "a" everywhere would mangle messages, not protect anything. */
const MIN_SECRET_LENGTH = 4;

/**
 * Credentials a server may echo back that this client never sent (another user's, a proxy's), spelled as in
 * an Authorization header: capitalized scheme, then a token of 8+ characters (so "Basic auth" in prose stays).
 */
const AUTH_SCHEME_VALUE = /\b(Bearer|Basic) +[A-Za-z0-9._~+/-]{8,}=*/g;

export function redactor(secrets: readonly string[]): Redact {
  const wanted = [...new Set(secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH))]
    // Longest first, so a secret that contains another is replaced whole.
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let result = text.replace(AUTH_SCHEME_VALUE, '$1 [redacted]');
    for (const secret of wanted) result = result.split(secret).join('[redacted]');
    return result;
  };
}
