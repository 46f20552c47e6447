/**
 * An in-process fake trace backend: a `node:http` server on 127.0.0.1 (a free port) that speaks the real
 * HTTP APIs of Jaeger v1, Jaeger v2 `/api/v3`, Zipkin v2 and Grafana Tempo (see fakeApis.ts), replays canned
 * responses (e.g. real payloads from ../shared/fixtures/traces), records every request, and can be told to
 * misbehave the ways real deployments do: error bodies, auth-proxy login pages, hangs, cut-off and huge
 * bodies. For unit tests, integration tests and benchmarks alike.
 *
 *   const fake = await FakeTraceBackend.start({ apis: ['jaeger-v1', 'jaeger-v3'], traces: SMALL_TRACES });
 *   … new HttpClient({ baseUrl: fake.url }) …
 *   await fake.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Trace } from '../../src/core/model';
import { GO_NOT_FOUND, routeApi, type FakeApi, type FakeApiConfig, type FakeReply } from './fakeApis';

export type { FakeApi, FakeReply } from './fakeApis';

export interface FakeBackendOptions {
  readonly apis: readonly FakeApi[];
  readonly traces?: readonly Trace[];
  /** Serve everything under this prefix (e.g. `/jaeger`); other paths answer 404. */
  readonly basePath?: string;
  readonly v3ParamStyle?: FakeApiConfig['v3ParamStyle'];
  readonly v3TraceSummaries?: boolean;
  readonly v1OperationsEndpoint?: boolean;
  readonly tempoV2?: boolean;
  readonly dependencies?: FakeApiConfig['dependencies'];
  /** Exact path (after the base path, without the query) → canned reply, checked before the APIs. `*` matches every path. */
  readonly replay?: Readonly<Record<string, FakeReply>>;
  /** Gzip every response when the client accepts it. */
  readonly gzip?: boolean;
  /** Answer 401 unless `Authorization: Bearer <token>` is sent. */
  readonly requireBearerToken?: string;
}

/** Ways to misbehave, applied to requests whose path (after the base path) starts with a prefix. */
export type Misbehaviour =
  | { readonly kind: 'reply'; readonly reply: FakeReply }
  /** 200 with an auth proxy's HTML login form (oauth2-proxy style). */
  | { readonly kind: 'login-page' }
  /** Never answer. */
  | { readonly kind: 'hang' }
  /** Declare the full length of the real answer, send half of it, close the connection. */
  | { readonly kind: 'truncate' }
  /** Send headers and the first bytes of the real answer, then nothing more. */
  | { readonly kind: 'stall-body' }
  /** A valid JSON body of about `bytes` bytes; with `declareLength`, a Content-Length header says so up front. */
  | { readonly kind: 'huge'; readonly bytes: number; readonly declareLength?: boolean };

export interface RecordedRequest {
  /** The full path, base path included, without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
}

export const LOGIN_PAGE = '<!DOCTYPE html><html><head><title>Sign In</title></head><body><form method="post" action="/oauth2/sign_in">'
  + '<input name="username"><input type="password" name="password"><button>Sign in</button></form></body></html>';

export class FakeTraceBackend {
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  /** How many answers were sent gzip-compressed (see the `gzip` option). */
  gzippedResponses = 0;
  private readonly misbehaviours: { prefix: string; misbehaviour: Misbehaviour }[] = [];
  private readonly waiters: ((request: RecordedRequest) => void)[] = [];
  private readonly config: FakeApiConfig;

  private constructor(private readonly server: Server, readonly url: string, private readonly options: FakeBackendOptions) {
    this.config = {
      apis: new Set(options.apis), traces: options.traces ?? [], v3ParamStyle: options.v3ParamStyle ?? 'both',
      v3TraceSummaries: options.v3TraceSummaries ?? true, v1OperationsEndpoint: options.v1OperationsEndpoint ?? true,
      tempoV2: options.tempoV2 ?? true, dependencies: options.dependencies ?? [],
    };
  }

  static async start(options: FakeBackendOptions): Promise<FakeTraceBackend> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const backend = new FakeTraceBackend(server, `http://127.0.0.1:${port}`, options);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => backend.handle(request, response));
    return backend;
  }

  /** From now on, requests whose path (after the base path) starts with `prefix` misbehave; `''` means all. */
  misbehave(prefix: string, misbehaviour: Misbehaviour): void {
    this.misbehaviours.unshift({ prefix, misbehaviour });
  }

  /** Back to normal behaviour. */
  behave(): void {
    this.misbehaviours.length = 0;
  }

  /** Resolves when the next request arrives (already recorded by then). */
  nextRequest(): Promise<RecordedRequest> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The recorded requests for one path (base path included). */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', this.url);
    const recorded: RecordedRequest = { path: url.pathname, query: url.searchParams, headers: request.headers };
    this.requests.push(recorded);
    for (const waiter of this.waiters.splice(0)) waiter(recorded);
    response.on('error', () => undefined);

    const basePath = this.options.basePath ?? '';
    if (!url.pathname.startsWith(`${basePath}/`)) return this.send(request, response, GO_NOT_FOUND);
    const path = url.pathname.slice(basePath.length);
    const token = this.options.requireBearerToken;
    if (token !== undefined && request.headers.authorization !== `Bearer ${token}`) {
      return this.send(request, response, { status: 401, contentType: 'text/plain', body: 'Unauthorized' });
    }
    const normal = this.options.replay?.[path] ?? this.options.replay?.['*'] ?? routeApi(this.config, path, url.searchParams) ?? GO_NOT_FOUND;
    const misbehaviour = this.misbehaviours.find((entry) => path.startsWith(entry.prefix))?.misbehaviour;
    if (misbehaviour === undefined) return this.send(request, response, normal);
    switch (misbehaviour.kind) {
      case 'reply':
        return this.send(request, response, misbehaviour.reply);
      case 'login-page':
        return this.send(request, response, { status: 200, contentType: 'text/html; charset=utf-8', body: LOGIN_PAGE });
      case 'hang':
        return;
      case 'truncate': {
        const body = Buffer.from(normal.body);
        response.writeHead(normal.status ?? 200, { 'content-type': normal.contentType ?? 'application/json', 'content-length': body.length });
        response.write(body.subarray(0, Math.floor(body.length / 2)), () => response.destroy());
        return;
      }
      case 'stall-body':
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(normal.body) + 1000 });
        response.write(normal.body.slice(0, 10));
        return;
      case 'huge':
        return writeHuge(response, misbehaviour.bytes, misbehaviour.declareLength === true);
    }
  }

  private send(request: IncomingMessage, response: ServerResponse, reply: FakeReply): void {
    let body = Buffer.from(reply.body);
    const headers: Record<string, string | number> = { 'content-type': reply.contentType ?? 'application/json', ...reply.headers };
    if (this.options.gzip === true && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
      this.gzippedResponses++;
    }
    headers['content-length'] = body.length;
    response.writeHead(reply.status ?? 200, headers);
    response.end(body);
  }
}

/** `{"data":[],"padding":"xxxx…"}` of about `bytes` bytes, written in chunks with back-pressure. */
function writeHuge(response: ServerResponse, bytes: number, declareLength: boolean): void {
  const head = '{"data":[],"padding":"';
  const tail = '"}';
  const fill = Math.max(0, bytes - head.length - tail.length);
  response.writeHead(200, declareLength ? { 'content-type': 'application/json', 'content-length': bytes } : { 'content-type': 'application/json' });
  const chunk = 'x'.repeat(64 * 1024);
  let left = fill;
  response.write(head);
  const pump = (): void => {
    while (left > 0 && !response.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.slice(0, left);
      left -= piece.length;
      if (!response.write(piece)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end(tail);
  };
  pump();
}
