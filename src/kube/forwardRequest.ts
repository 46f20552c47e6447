/**
 * A small HTTP client for the forwarded port. Each request uses its own TCP connection (so its own tunnel
 * WebSocket), learns from the forward why a failed connection failed, and retries an idempotent request
 * once after the forward has healed: a pod replaced mid-request costs one retry, not an error.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import type { KubeFailure, KubeResult } from './kubeFailure';

/** What the request helper needs from a forward (ForwardSession implements it). */
export interface ForwardEndpoint {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** The reason the tunnel behind the local connection from `clientPort` failed, if it did. */
  failureFor(clientPort: number | undefined): KubeFailure | undefined;
  /** Resolves once the forward can take new connections again, will not, or `timeoutMs` passed. */
  whenUsable(timeoutMs: number): Promise<KubeResult<void>>;
}

export interface ForwardRequestInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Per attempt, in milliseconds; default 30000. Also the longest wait for the forward to heal before the retry. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface ForwardResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Failures a retry cannot fix: the port is closed in the pod, or RBAC said no. */
const FINAL = new Set(['port-refused', 'forbidden', 'unauthorized', 'cancelled']);

export async function requestThroughForward(endpoint: ForwardEndpoint, path: string, init: ForwardRequestInit = {}): Promise<KubeResult<ForwardResponse>> {
  const method = (init.method ?? 'GET').toUpperCase();
  if (endpoint.url === '') return { ok: false, failure: { kind: 'cancelled', message: 'the port-forward is not running' } };
  const first = await attempt(endpoint, path, method, init);
  if (first.ok || !IDEMPOTENT.has(method) || FINAL.has(first.failure.kind)) return first;
  const usable = await endpoint.whenUsable(init.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  if (!usable.ok) return usable;
  return attempt(endpoint, path, method, init);
}

function attempt(endpoint: ForwardEndpoint, path: string, method: string, init: ForwardRequestInit): Promise<KubeResult<ForwardResponse>> {
  return new Promise((resolve) => {
    let clientPort: number | undefined;
    const url = new URL(path, endpoint.url);
    // agent: false gives every request a fresh connection, so a tunnel to a dead pod is never reused.
    const req = request(url, { method, headers: init.headers, agent: false, signal: init.signal, timeout: init.timeoutMs ?? DEFAULT_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ ok: true, value: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) } }));
      res.on('error', (error) => resolve({ ok: false, failure: failureOf(endpoint, clientPort, url.pathname, error) }));
    });
    req.on('socket', (socket) => socket.once('connect', () => { clientPort = socket.localPort; }));
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (error) => resolve({ ok: false, failure: failureOf(endpoint, clientPort, url.pathname, error) }));
    req.end(init.body);
  });
}

function failureOf(endpoint: ForwardEndpoint, clientPort: number | undefined, path: string, error: Error): KubeFailure {
  if (error.name === 'AbortError') return { kind: 'cancelled', message: `request to ${path} cancelled` };
  const tunnel = endpoint.failureFor(clientPort);
  if (tunnel) return tunnel;
  const code = (error as { code?: unknown }).code;
  return { kind: 'unreachable', message: `request to ${path} through the port-forward failed: ${typeof code === 'string' ? code : error.message}` };
}
