/**
 * Turns what a server answered (status, content type, body) into a {@link BackendFailure} with a message
 * that says what to do. Error bodies are read whatever their content type: Jaeger sends JSON envelopes,
 * sometimes labelled `text/plain`; Zipkin and Tempo send plain text; auth proxies send HTML.
 */
import type { BackendFailure } from './backendTypes';

const MAX_SERVER_MESSAGE_CHARS = 300;

/** A non-2xx answer → a failure. `location` is the redirect target of a 3xx. */
export function describeHttpFailure(where: string, status: number, contentType: string, text: string, location: string | undefined): BackendFailure {
  const serverMessage = extractServerMessage(text);
  const said = serverMessage === undefined ? '' : `: ${serverMessage}`;
  const extra = serverMessage === undefined ? { status } : { status, serverMessage };
  if (status === 401 || status === 407) {
    return { ok: false, reason: 'auth-required', message: `${where} answered ${status} Unauthorized${said}. Set a bearer token or basic auth for this backend.`, ...extra };
  }
  if (status === 403) {
    return { ok: false, reason: 'auth-required', message: `${where} answered 403 Forbidden${said}. The credentials were refused or lack access: check the token or ask for access.`, ...extra };
  }
  if (status >= 300 && status < 400) {
    const target = location === undefined ? 'elsewhere' : describeLocation(location);
    if (location !== undefined && LOGIN_WORDS.test(location)) {
      return { ok: false, reason: 'auth-required', message: `${where} redirected to a login page (${target}), probably an auth proxy: set a bearer token or open it in a browser.`, ...extra };
    }
    return { ok: false, reason: 'http-error', message: `${where} redirected (${status}) to ${target}: use that address as the backend URL.`, ...extra };
  }
  if (status === 404) {
    return { ok: false, reason: 'not-found', message: `${where} answered 404 Not Found${said}.`, ...extra };
  }
  if (looksLikeHtml(contentType, text)) {
    return { ok: false, reason: 'http-error', message: `${where} answered HTTP ${status} with an HTML page (a proxy's error page?): check the backend behind it is running.`, ...extra };
  }
  const hint = status === 429 ? ' The backend is rate-limiting: wait and retry.' : status >= 500 ? ' The backend failed: retry, or narrow the search if it keeps failing.' : '';
  return { ok: false, reason: 'http-error', message: `${where} answered HTTP ${status}${said}.${hint}`, ...extra };
}

/** A 2xx answer whose body is not JSON → a failure. */
export function describeNonJson(where: string, contentType: string, text: string, parseError: string): BackendFailure {
  if (looksLikeHtml(contentType, text)) {
    if (LOGIN_WORDS.test(text)) {
      return { ok: false, reason: 'auth-required', message: `${where} answered an HTML page (an auth proxy's login page?): set a bearer token or open it in a browser.` };
    }
    return { ok: false, reason: 'not-a-trace-backend', message: `${where} answered an HTML page instead of JSON (a web UI, or an auth proxy's login page?): check the URL points at the query API, set a bearer token, or open it in a browser.` };
  }
  if (text.trim() === '') return { ok: false, reason: 'bad-response', message: `${where} answered an empty body where JSON was expected.` };
  if (/end of (json )?input|unterminated/i.test(parseError)) {
    return { ok: false, reason: 'bad-response', message: `The JSON from ${where} ended early (${text.length} characters; the response was cut off?): try again.` };
  }
  return { ok: false, reason: 'bad-response', message: `${where} answered text that is not JSON (${parseError}): "${oneLine(text).slice(0, 120)}".` };
}

/**
 * The server's own words from an error body: Jaeger's `{errors: [{code, msg}]}`, the `/api/v3` gateway's
 * `{error: {message}}`, `{message}`, or plain text. Undefined for an HTML page or an empty body.
 */
export function extractServerMessage(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || looksLikeHtml('', trimmed)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return oneLine(trimmed).slice(0, MAX_SERVER_MESSAGE_CHARS);
  }
  const found = messageFromJson(value);
  return (found ?? oneLine(trimmed)).slice(0, MAX_SERVER_MESSAGE_CHARS);
}

function messageFromJson(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.errors) && record.errors.length > 0) {
    const messages = record.errors.map((error) => messageFromJson(error) ?? JSON.stringify(error));
    return messages.join('; ');
  }
  for (const key of ['error', 'message', 'msg']) {
    const inner = record[key];
    const message = typeof inner === 'object' ? messageFromJson(inner) : typeof inner === 'string' && inner !== '' ? inner : undefined;
    if (message !== undefined) return message;
  }
  return undefined;
}

const LOGIN_WORDS = /log ?in|sign[ -]?in|password|oauth|sso|auth/i;

function looksLikeHtml(contentType: string, text: string): boolean {
  return /text\/html/i.test(contentType) || /^\s*<(!doctype html|html|head|body)/i.test(text);
}

/** A redirect target without its query string, which may carry a state token. */
function describeLocation(location: string): string {
  const cut = location.search(/[?#]/);
  return cut < 0 ? location : location.slice(0, cut);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
