/**
 * Zipkin API v2: services, span names, trace search (whole traces in the answer), one trace, and the
 * dependency graph. Zipkin takes `endTs`/`lookback` in milliseconds but durations in microseconds.
 */
import type { Trace } from '../core/model';
import { DEFAULT_SEARCH_LIMIT, searchWindow } from './backendTypes';
import type { BackendResult, ConnectionOptions, DependencyLink, ServiceOperation, TraceBackend, TraceQuery, TraceSearchHit } from './backendTypes';
import { HttpClient } from './httpClient';
import { hitsFromTraces, isRecord, stringArray, tracesFromBody, wrongShape } from './responseShapes';

export class ZipkinBackend implements TraceBackend {
  readonly kind = 'zipkin';
  readonly displayUrl: string;

  constructor(private readonly http: HttpClient, private readonly basePath = '') {
    this.displayUrl = http.baseUrl + basePath;
  }

  static create(options: ConnectionOptions, basePath = ''): ZipkinBackend {
    return new ZipkinBackend(new HttpClient(options), basePath);
  }

  async listServices(signal?: AbortSignal): Promise<BackendResult<string[]>> {
    const path = `${this.basePath}/api/v2/services`;
    const body = await this.http.getJson(path, {}, signal);
    if (!body.ok) return body;
    const services = stringArray(body.value);
    return services === undefined ? wrongShape(this.http, path, 'a Zipkin services list (["name", ...])') : { ok: true, value: services.sort() };
  }

  async listOperations(service: string, signal?: AbortSignal): Promise<BackendResult<ServiceOperation[]>> {
    const path = `${this.basePath}/api/v2/spans`;
    const body = await this.http.getJson(path, { serviceName: service }, signal);
    if (!body.ok) return body;
    const names = stringArray(body.value);
    return names === undefined ? wrongShape(this.http, path, 'a Zipkin span-name list') : { ok: true, value: names.map((name) => ({ name })) };
  }

  async searchTraces(query: TraceQuery, signal?: AbortSignal): Promise<BackendResult<TraceSearchHit[]>> {
    const path = `${this.basePath}/api/v2/traces`;
    const { startUs, endUs } = searchWindow(query);
    const endMs = Math.floor(endUs / 1000);
    const body = await this.http.getJson(path, {
      serviceName: query.service,
      spanName: query.operation,
      annotationQuery: annotationQuery(query.tags),
      endTs: endMs,
      lookback: Math.max(0, endMs - Math.floor(startUs / 1000)),
      minDuration: query.minDurationUs === undefined ? undefined : Math.round(query.minDurationUs),
      maxDuration: query.maxDurationUs === undefined ? undefined : Math.round(query.maxDurationUs),
      limit: query.limit ?? DEFAULT_SEARCH_LIMIT,
    }, signal);
    if (!body.ok) return body;
    if (!Array.isArray(body.value) || !body.value.every(Array.isArray)) return wrongShape(this.http, path, 'a Zipkin trace list ([[span, ...], ...])');
    const traces = tracesFromBody(this.http, path, body.value.flat());
    return traces.ok ? { ok: true, value: hitsFromTraces(traces.value) } : traces;
  }

  async getTrace(traceId: string, signal?: AbortSignal): Promise<BackendResult<Trace>> {
    const path = `${this.basePath}/api/v2/trace/${encodeURIComponent(zipkinTraceId(traceId))}`;
    const body = await this.http.getJson(path, {}, signal);
    if (!body.ok) return body.reason === 'not-found' ? { ...body, message: `Zipkin has no trace ${traceId} (it may have expired from storage): ${body.message}` } : body;
    if (!Array.isArray(body.value)) return wrongShape(this.http, path, 'a Zipkin trace ([span, ...])');
    const traces = tracesFromBody(this.http, path, body.value);
    if (!traces.ok) return traces;
    const trace = traces.value[0];
    return trace === undefined ? this.http.fail('not-found', `Zipkin has no trace ${traceId}.`) : { ok: true, value: trace };
  }

  async listDependencies(endUs: number, lookbackMs: number, signal?: AbortSignal): Promise<BackendResult<DependencyLink[]>> {
    const path = `${this.basePath}/api/v2/dependencies`;
    const body = await this.http.getJson(path, { endTs: Math.floor(endUs / 1000), lookback: lookbackMs }, signal);
    if (!body.ok) return body;
    if (!Array.isArray(body.value)) return wrongShape(this.http, path, 'a Zipkin dependency list');
    return { ok: true, value: body.value.filter(isRecord).map((link) => ({ parent: String(link.parent ?? ''), child: String(link.child ?? ''), callCount: Number(link.callCount ?? 0) })) };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

/** `key=value and key2`: Zipkin's tag filter, where a bare key means "has this tag or annotation". */
function annotationQuery(tags: Readonly<Record<string, string>> | undefined): string | undefined {
  if (tags === undefined) return undefined;
  const terms = Object.entries(tags).map(([key, value]) => (value === '' ? key : `${key}=${value}`));
  return terms.length === 0 ? undefined : terms.join(' and ');
}

/** Zipkin stores 64-bit trace ids as 16 hex characters; the model pads them to 32. */
function zipkinTraceId(traceId: string): string {
  return /^0{16}[0-9a-f]{16}$/.test(traceId) ? traceId.slice(16) : traceId;
}
