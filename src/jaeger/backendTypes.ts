/**
 * The contract every trace-backend client implements (Jaeger v1, Jaeger v2 `/api/v3`, Zipkin v2, Grafana
 * Tempo), and the values they return. Expected failures are {@link BackendFailure} values, never exceptions:
 * a thrown error from a backend method is a bug.
 */
import type { Trace, TraceId } from '../core/model';

/** The HTTP APIs Trace Lens speaks. */
export type BackendKind = 'jaeger-v1' | 'jaeger-v3' | 'zipkin' | 'tempo';

/** Why a request did not produce what was asked for. Each comes with a message that says what to do. */
export type FailureReason =
  | 'not-found'
  | 'unreachable'
  | 'timeout'
  | 'http-error'
  | 'not-a-trace-backend'
  | 'too-large'
  | 'cancelled'
  | 'auth-required'
  | 'bad-response';

export interface BackendFailure {
  readonly ok: false;
  readonly reason: FailureReason;
  /** One or two sentences for a person: what happened and what to do. Never contains a secret. */
  readonly message: string;
  /** The HTTP status, when the server answered. */
  readonly status?: number;
  /** The server's own error text (from a JSON or plain-text body), already redacted. */
  readonly serverMessage?: string;
}

export type BackendResult<T> = { readonly ok: true; readonly value: T } | BackendFailure;

/** How to reach a backend. Every secret here is kept out of every message. */
export interface ConnectionOptions {
  /** e.g. `http://localhost:16686` or `https://tracing.example.com/jaeger`. Credentials in the URL are used as basic auth. */
  readonly baseUrl: string;
  /** Extra request headers (e.g. `X-Scope-OrgID` for a multi-tenant Tempo). Their values are treated as secrets. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly bearerToken?: string;
  readonly basicAuth?: { readonly username: string; readonly password: string };
  /** Whole-request limit in milliseconds (connect, headers and body). Default 15 000. */
  readonly timeoutMs?: number;
  /** Largest response body accepted, in bytes after decompression. Default 64 MiB. */
  readonly maxResponseBytes?: number;
  /** PEM text of extra certificate authorities to trust. */
  readonly caCertificates?: string;
  /** Accept any TLS certificate (self-signed development clusters). */
  readonly insecureTls?: boolean;
}

/** Search criteria; each backend sends the subset its API supports. Times in microseconds since the epoch. */
export interface TraceQuery {
  readonly service?: string;
  readonly operation?: string;
  /** Attribute filters, key → value (see `parseLogfmtTags` for the `k=v k2="v 2"` text users type). */
  readonly tags?: Readonly<Record<string, string>>;
  /** Tempo only: a TraceQL query, sent as `q=` instead of the tag search. */
  readonly traceQl?: string;
  /** Microseconds since the Unix epoch. Default: one hour before `endUs`. */
  readonly startUs?: number;
  /** Microseconds since the Unix epoch. Default: now. */
  readonly endUs?: number;
  /** Microseconds. */
  readonly minDurationUs?: number;
  /** Microseconds. */
  readonly maxDurationUs?: number;
  /** Most traces to return. Default 20. */
  readonly limit?: number;
}

/** One line of a search result. Counts are absent when the backend does not report them (Tempo without serviceStats). */
export interface TraceHitSummary {
  readonly traceId: TraceId;
  /** Microseconds since the Unix epoch. */
  readonly startUs: number;
  /** Microseconds. */
  readonly durationUs: number;
  readonly rootService: string;
  readonly rootOperation: string;
  readonly spanCount?: number;
  readonly errorCount?: number;
  /** Sorted. */
  readonly services: readonly string[];
}

export interface TraceSearchHit {
  readonly summary: TraceHitSummary;
  /** The whole trace, when the search answer carried it (Jaeger v1 and v3, Zipkin); else fetch with `getTrace`. */
  readonly trace?: Trace;
}

export interface ServiceOperation {
  readonly name: string;
  /** `server`, `client`, … when the backend says. */
  readonly spanKind?: string;
}

/** One edge of the service dependency graph. */
export interface DependencyLink {
  readonly parent: string;
  readonly child: string;
  readonly callCount: number;
}

/** Every backend client. Each method takes an optional signal; aborting it yields `reason: 'cancelled'`. */
export interface TraceBackend {
  readonly kind: BackendKind;
  /** The URL requests go to, credentials removed. */
  readonly displayUrl: string;
  listServices(signal?: AbortSignal): Promise<BackendResult<string[]>>;
  listOperations(service: string, signal?: AbortSignal): Promise<BackendResult<ServiceOperation[]>>;
  searchTraces(query: TraceQuery, signal?: AbortSignal): Promise<BackendResult<TraceSearchHit[]>>;
  /** `reason: 'not-found'` when the backend has no trace with this id. */
  getTrace(traceId: string, signal?: AbortSignal): Promise<BackendResult<Trace>>;
  /** Absent on backends without a dependency API (Tempo). `endUs` µs since the epoch, `lookbackMs` ms. */
  listDependencies?(endUs: number, lookbackMs: number, signal?: AbortSignal): Promise<BackendResult<DependencyLink[]>>;
  /** Releases the connection pool. */
  close(): Promise<void>;
}

/** Defaults shared by every backend's search. */
export const DEFAULT_SEARCH_LIMIT = 20;
export const DEFAULT_LOOKBACK_US = 60 * 60 * 1_000_000;

/** The search window with defaults applied: [startUs, endUs] in microseconds since the epoch. */
export function searchWindow(query: TraceQuery, nowUs = Date.now() * 1000): { startUs: number; endUs: number } {
  const endUs = query.endUs ?? nowUs;
  return { startUs: query.startUs ?? endUs - DEFAULT_LOOKBACK_US, endUs };
}
