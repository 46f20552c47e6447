/**
 * A Jaeger client that speaks both of Jaeger's query APIs: `/api/v3` (Jaeger v2) and the v1 `/api/...` the
 * Jaeger UI uses. Old servers lack `/api/v3/...` search endpoints; Jaeger's main branch is removing the v1
 * ones. Each call goes to the preferred API and, when that endpoint is missing (404, or the UI's HTML page
 * served for an unknown path), to the other; a method that needed the fallback uses it first from then on.
 */
import type { Trace } from '../core/model';
import type { BackendFailure, BackendResult, DependencyLink, ServiceOperation, TraceBackend, TraceQuery, TraceSearchHit } from './backendTypes';
import type { HttpClient } from './httpClient';
import { JaegerV1Backend } from './jaegerV1Backend';
import { JaegerV3Backend } from './jaegerV3Backend';

type Method = 'listServices' | 'listOperations' | 'searchTraces' | 'getTrace';

export class JaegerBackend implements TraceBackend {
  readonly kind: 'jaeger-v1' | 'jaeger-v3';
  readonly displayUrl: string;
  readonly v1: JaegerV1Backend;
  readonly v3: JaegerV3Backend;
  /** Methods whose preferred endpoint turned out to be missing on this server. */
  private readonly swapped = new Set<Method>();

  constructor(private readonly http: HttpClient, basePath: string, prefer: 'jaeger-v1' | 'jaeger-v3') {
    this.kind = prefer;
    this.v1 = new JaegerV1Backend(http, basePath);
    this.v3 = new JaegerV3Backend(http, basePath);
    this.displayUrl = http.baseUrl + basePath;
  }

  listServices(signal?: AbortSignal): Promise<BackendResult<string[]>> {
    return this.withFallback('listServices', (api) => api.listServices(signal));
  }

  listOperations(service: string, signal?: AbortSignal, spanKind?: string): Promise<BackendResult<ServiceOperation[]>> {
    return this.withFallback('listOperations', (api) => api.listOperations(service, signal, spanKind));
  }

  searchTraces(query: TraceQuery, signal?: AbortSignal): Promise<BackendResult<TraceSearchHit[]>> {
    return this.withFallback('searchTraces', (api) => api.searchTraces(query, signal));
  }

  getTrace(traceId: string, signal?: AbortSignal): Promise<BackendResult<Trace>> {
    return this.withFallback('getTrace', (api) => api.getTrace(traceId, signal));
  }

  /** Only v1 has a dependency API. */
  listDependencies(endUs: number, lookbackMs: number, signal?: AbortSignal): Promise<BackendResult<DependencyLink[]>> {
    return this.v1.listDependencies(endUs, lookbackMs, signal);
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private async withFallback<T>(method: Method, call: (api: JaegerV1Backend | JaegerV3Backend) => Promise<BackendResult<T>>): Promise<BackendResult<T>> {
    const preferV3 = (this.kind === 'jaeger-v3') !== this.swapped.has(method);
    const [first, second] = preferV3 ? [this.v3, this.v1] : [this.v1, this.v3];
    const result = await call(first);
    if (result.ok || !endpointMaybeMissing(result)) return result;
    const fallback = await call(second);
    if (!fallback.ok) return result;
    if (method !== 'getTrace') {
      // A trace missing from one API and present in the other says nothing about the endpoints.
      if (this.swapped.has(method)) this.swapped.delete(method);
      else this.swapped.add(method);
    }
    return fallback;
  }
}

function endpointMaybeMissing(failure: BackendFailure): boolean {
  return failure.reason === 'not-found' || failure.reason === 'not-a-trace-backend';
}
