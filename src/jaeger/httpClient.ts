/**
 * The HTTP plumbing every backend client shares (undici): one GET with a timeout, cancellation, a size cap
 * (checked on the wire and after decompression), gzip, and failures turned into {@link BackendFailure}
 * values whose messages say what to do and never contain a secret.
 */
import { gunzip, inflate, brotliDecompress } from 'node:zlib';
import { promisify } from 'node:util';
import { Agent, request } from 'undici';
import type { BackendFailure, BackendResult, ConnectionOptions, FailureReason } from './backendTypes';
import { describeHttpFailure, describeNonJson } from './httpFailures';
import { redactor, type Redact } from './redact';

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

const DECOMPRESSORS: Readonly<Record<string, (input: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** Query parameters; `undefined` values are left out, arrays repeat the key. */
export type QueryParams = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/** A 2xx answer. */
export interface HttpText {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

export class HttpClient {
  /** Base URL without credentials and without a trailing slash. */
  readonly baseUrl: string;
  readonly redact: Redact;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly agent: Agent;
  /** Set when the base URL is unusable: every request then fails with this, rather than the constructor throwing. */
  private readonly invalidUrl: string | undefined;

  constructor(options: ConnectionOptions) {
    const target = readBaseUrl(options.baseUrl);
    this.baseUrl = target.baseUrl;
    this.invalidUrl = target.invalid;
    const basic = options.basicAuth ?? target.basicAuth;
    this.headers = { accept: 'application/json', 'accept-encoding': 'gzip, deflate', ...lowerCaseKeys(options.headers ?? {}) };
    const secrets = Object.values(options.headers ?? {});
    if (options.bearerToken !== undefined && options.bearerToken !== '') {
      this.headers.authorization = `Bearer ${options.bearerToken}`;
      secrets.push(options.bearerToken);
    }
    if (basic !== undefined) {
      const encoded = Buffer.from(`${basic.username}:${basic.password}`).toString('base64');
      this.headers.authorization = `Basic ${encoded}`;
      secrets.push(basic.password, encoded);
    }
    this.redact = redactor(secrets);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const connect = options.caCertificates === undefined && options.insecureTls !== true
      ? undefined
      : { ...(options.caCertificates === undefined ? {} : { ca: options.caCertificates }), rejectUnauthorized: options.insecureTls !== true };
    this.agent = new Agent(connect === undefined ? {} : { connect });
  }

  /** GETs `path` (relative to the base URL) and returns the decoded text of a 2xx answer. */
  async getText(path: string, params: QueryParams = {}, signal?: AbortSignal): Promise<BackendResult<HttpText>> {
    const url = this.baseUrl + path + queryString(params);
    const where = this.baseUrl + path;
    if (this.invalidUrl !== undefined) return this.fail('unreachable', this.invalidUrl);
    if (signal?.aborted) return this.fail('cancelled', `The request to ${where} was cancelled.`);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
    let received = 0;
    let answered = false;
    try {
      const response = await request(url, { method: 'GET', headers: this.headers, signal: combined, dispatcher: this.agent });
      answered = true;
      const declared = Number(header(response.headers, 'content-length'));
      if (declared > this.maxBytes) {
        response.body.destroy();
        return this.tooLarge(where, declared);
      }
      const chunks: Buffer[] = [];
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        received += chunk.length;
        if (received > this.maxBytes) {
          response.body.destroy();
          return this.tooLarge(where, received);
        }
        chunks.push(chunk);
      }
      const decoded = await this.decode(Buffer.concat(chunks), header(response.headers, 'content-encoding'), where);
      if (!decoded.ok) return decoded;
      const contentType = header(response.headers, 'content-type') ?? '';
      const text = decoded.value.toString('utf8');
      if (response.statusCode >= 200 && response.statusCode < 300) {
        return { ok: true, value: { status: response.statusCode, contentType, text } };
      }
      const location = header(response.headers, 'location');
      return this.redactFailure(describeHttpFailure(where, response.statusCode, contentType, text, location));
    } catch (error) {
      if (signal?.aborted) return this.fail('cancelled', `The request to ${where} was cancelled.`);
      if (timeout.aborted) {
        return this.fail('timeout', `${where} did not answer within ${this.timeoutMs} ms: check the backend is healthy, narrow the search (shorter time range, lower limit) or raise the timeout.`);
      }
      return this.fail(...classifyNetworkError(error, where, answered, received));
    }
  }

  /** GETs `path` and parses the 2xx answer as JSON; an HTML page or non-JSON text is a failure. */
  async getJson(path: string, params: QueryParams = {}, signal?: AbortSignal): Promise<BackendResult<unknown>> {
    const response = await this.getText(path, params, signal);
    if (!response.ok) return response;
    try {
      return { ok: true, value: JSON.parse(response.value.text) as unknown };
    } catch (error) {
      const where = this.baseUrl + path;
      return this.redactFailure(describeNonJson(where, response.value.contentType, response.value.text, (error as Error).message));
    }
  }

  /** Builds a failure with its message redacted. */
  fail(reason: FailureReason, message: string, extra: { status?: number; serverMessage?: string } = {}): BackendFailure {
    return this.redactFailure({ ok: false, reason, message, ...extra });
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private redactFailure(failure: BackendFailure): BackendFailure {
    const result: BackendFailure = { ...failure, message: this.redact(failure.message) };
    return failure.serverMessage === undefined ? result : { ...result, serverMessage: this.redact(failure.serverMessage) };
  }

  private tooLarge(where: string, bytes: number): BackendFailure {
    const limit = (this.maxBytes / (1024 * 1024)).toFixed(1);
    return this.fail('too-large', `The response from ${where} is larger than the ${limit} MB limit (at least ${bytes} bytes): narrow the search (lower limit, shorter time range) or raise the maximum response size.`);
  }

  private async decode(body: Buffer, encoding: string | undefined, where: string): Promise<BackendResult<Buffer>> {
    const name = (encoding ?? 'identity').trim().toLowerCase();
    if (name === 'identity' || name === '') return { ok: true, value: body };
    const decompress = DECOMPRESSORS[name];
    if (decompress === undefined) return this.fail('bad-response', `${where} answered with an unsupported content encoding "${name}".`);
    try {
      return { ok: true, value: await decompress(body, { maxOutputLength: this.maxBytes }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return this.tooLarge(where, this.maxBytes + 1);
      return this.fail('bad-response', `The ${name}-compressed response from ${where} could not be decompressed (${(error as Error).message}): it was probably cut off; try again.`);
    }
  }
}

/**
 * The base URL without credentials, query or trailing slash. Credentials typed into the URL become basic
 * auth, so they never reach a message. An unusable URL is reported, not thrown.
 */
function readBaseUrl(text: string): { baseUrl: string; basicAuth?: { username: string; password: string }; invalid?: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const shown = text.replace(/\/\/[^/@]*@/, '//');
    return { baseUrl: shown, invalid: `"${shown}" is not an http(s) URL: enter it like http://localhost:16686 or https://tracing.example.com/jaeger.` };
  }
  const basicAuth = url.username === '' && url.password === ''
    ? undefined
    : { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  const baseUrl = url.toString().replace(/\/+$/, '');
  return basicAuth === undefined ? { baseUrl } : { baseUrl, basicAuth };
}

/** Maps a thrown network or protocol error to a reason and a message. */
function classifyNetworkError(error: unknown, where: string, answered: boolean, received: number): [FailureReason, string] {
  const code = errorCode(error);
  if (answered) {
    return ['bad-response', `The response from ${where} was cut off after ${received} bytes (${code ?? 'connection closed'}): try again; if it keeps happening, a proxy may be dropping large responses.`];
  }
  if (code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|EPROTO/.test(code)) {
    return ['unreachable', `The TLS certificate of ${where} is not trusted (${code}): add its certificate authority, or allow insecure TLS for a development cluster.`];
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return ['timeout', `${where} did not answer in time (${code}): check the backend is healthy or raise the timeout.`];
  }
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return ['unreachable', `Could not connect to ${where} (${detail}): check the URL and port, and that the backend (or its port-forward) is running.`];
}

/** The first `code` along the error's cause chain (undici wraps socket and TLS errors). */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) result[key.toLowerCase()] = value;
  return result;
}

function queryString(params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (typeof value === 'object') for (const item of value) search.append(key, item);
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
