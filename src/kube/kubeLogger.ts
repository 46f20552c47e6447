/**
 * The one logging interface of src/kube. Every line goes through a redacting wrapper, so a token, a client
 * key or an Authorization header that slips into a message (an error text from a library, a URL) is replaced
 * before any sink sees it.
 */

export type KubeLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface KubeLogger {
  log(level: KubeLogLevel, message: string): void;
}

export const SILENT_LOGGER: KubeLogger = { log: () => undefined };

const REDACTED = '[redacted]';

/** Header and field spellings whose values are credentials wherever they appear in free text. */
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /(authorization\s*[:=]\s*"?)(bearer|basic)?\s*[^\s",}]+/gi,
  /\b(bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /((?:token|client-key-data|client-certificate-data|password|id-token|refresh-token)"?\s*[:=]\s*"?)[^\s",}]+/gi,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

/**
 * Removes credentials from a text: the known secret values (from the kubeconfig) wherever they occur, then
 * anything shaped like a credential header or field.
 */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    // Very short values would redact ordinary words; real tokens and keys are long.
    if (secret.length >= 8) result = result.split(secret).join(REDACTED);
  }
  for (const pattern of CREDENTIAL_PATTERNS) {
    result = result.replace(pattern, (_match, prefix: unknown) => (typeof prefix === 'string' ? prefix : '') + REDACTED);
  }
  return result;
}

/** A logger that redacts every line before passing it to `inner`. */
export function redactingLogger(inner: KubeLogger, knownSecrets: () => readonly string[]): KubeLogger {
  return { log: (level, message) => inner.log(level, redactSecrets(message, knownSecrets())) };
}
