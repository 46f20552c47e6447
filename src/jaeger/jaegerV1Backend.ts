/**
 * Jaeger query API v1 (`/api/...`, the JSON the Jaeger UI uses): services, operations, trace search (full
 * traces in the answer), one trace, and the dependency graph. Times on the wire are microseconds, except
 * `/api/dependencies`, which takes milliseconds.
 */
import type { Trace } from '../core/model';
import { DEFAULT_SEARCH_LIMIT, searchWindow } from './backendTypes';
import type { BackendResult, ConnectionOptions, DependencyLink, ServiceOperation, TraceBackend, TraceQuery, TraceSearchHit } from './backendTypes';
import { HttpClient } from './httpClient';
import { goDuration, hitsFromTraces, isRecord, stringArray, tracesFromBody, wrongShape } from './responseShapes';

export class JaegerV1Backend implements TraceBackend {
  readonly kind = 'jaeger-v1';
  readonly displayUrl: string;

  /** `basePath` is `''` or a prefix such as `/jaeger`, appended to the options' base URL. */
  constructor(private readonly http: HttpClient, private readonly basePath = '') {
    this.displayUrl = http.baseUrl + basePath;
  }

  static create(options: ConnectionOptions, basePath = ''): JaegerV1Backend {
    return new JaegerV1Backend(new HttpClient(options), basePath);
  }

  async listServices(signal?: AbortSignal): Promise<BackendResult<string[]>> {
    const path = `${this.basePath}/api/services`;
    const body = await this.http.getJson(path, {}, signal);
    if (!body.ok) return body;
    const services = stringArray(envelopeData(body.value));
    return services === undefined ? wrongShape(this.http, path, 'a Jaeger services list ({"data": [...]})') : { ok: true, value: services.sort() };
  }

  /** `/api/operations` (with span kinds); Jaeger before 1.17 only has `/api/services/{s}/operations`. */
  async listOperations(service: string, signal?: AbortSignal, spanKind?: string): Promise<BackendResult<ServiceOperation[]>> {
    const path = `${this.basePath}/api/operations`;
    const body = await this.http.getJson(path, { service, spanKind }, signal);
    if (body.ok) {
      const data = envelopeData(body.value);
      if (!Array.isArray(data)) return wrongShape(this.http, path, 'a Jaeger operations list');
      return { ok: true, value: data.filter(isRecord).map(toOperation) };
    }
    if (body.reason !== 'not-found') return body;
    const legacyPath = `${this.basePath}/api/services/${encodeURIComponent(service)}/operations`;
    const legacy = await this.http.getJson(legacyPath, {}, signal);
    if (!legacy.ok) return legacy;
    const names = stringArray(envelopeData(legacy.value));
    return names === undefined ? wrongShape(this.http, legacyPath, 'a Jaeger operations list') : { ok: true, value: names.map((name) => ({ name })) };
  }

  async searchTraces(query: TraceQuery, signal?: AbortSignal): Promise<BackendResult<TraceSearchHit[]>> {
    const path = `${this.basePath}/api/traces`;
    const { startUs, endUs } = searchWindow(query);
    const tags = query.tags === undefined || Object.keys(query.tags).length === 0 ? undefined : JSON.stringify(query.tags);
    const body = await this.http.getJson(path, {
      service: query.service,
      operation: query.operation,
      tags,
      start: startUs,
      end: endUs,
      minDuration: goDuration(query.minDurationUs),
      maxDuration: goDuration(query.maxDurationUs),
      limit: query.limit ?? DEFAULT_SEARCH_LIMIT,
    }, signal);
    if (!body.ok) return body;
    if (!isRecord(body.value) || !('data' in body.value)) return wrongShape(this.http, path, 'a Jaeger search result ({"data": [traces]})');
    const traces = tracesFromBody(this.http, path, body.value);
    return traces.ok ? { ok: true, value: hitsFromTraces(traces.value) } : traces;
  }

  /** `raw`: ask Jaeger not to adjust clock skew or deduplicate (`?raw=true`). */
  async getTrace(traceId: string, signal?: AbortSignal, raw = false): Promise<BackendResult<Trace>> {
    const path = `${this.basePath}/api/traces/${encodeURIComponent(traceId)}`;
    const body = await this.http.getJson(path, raw ? { raw: 'true' } : {}, signal);
    if (!body.ok) return body.reason === 'not-found' ? { ...body, message: `Jaeger has no trace ${traceId} (it may have expired from storage): ${body.message}` } : body;
    const traces = tracesFromBody(this.http, path, body.value);
    if (!traces.ok) return traces;
    const trace = traces.value[0];
    if (trace === undefined) return this.http.fail('not-found', `Jaeger has no trace ${traceId} (it may have expired from storage).`);
    return { ok: true, value: trace };
  }

  async listDependencies(endUs: number, lookbackMs: number, signal?: AbortSignal): Promise<BackendResult<DependencyLink[]>> {
    const path = `${this.basePath}/api/dependencies`;
    const body = await this.http.getJson(path, { endTs: Math.floor(endUs / 1000), lookback: lookbackMs }, signal);
    if (!body.ok) return body;
    const data = envelopeData(body.value);
    if (!Array.isArray(data)) return wrongShape(this.http, path, 'a Jaeger dependency list');
    const links = data.filter(isRecord).map((link) => ({ parent: String(link.parent ?? ''), child: String(link.child ?? ''), callCount: Number(link.callCount ?? 0) }));
    return { ok: true, value: links };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

/** The `data` of Jaeger's `{data, total, limit, offset, errors}` envelope (`null` is an empty list); undefined when it is not one. */
function envelopeData(body: unknown): unknown {
  return isRecord(body) && 'data' in body ? body.data ?? [] : undefined;
}

function toOperation(record: { readonly [key: string]: unknown }): ServiceOperation {
  const name = String(record.name ?? '');
  return typeof record.spanKind === 'string' && record.spanKind !== '' ? { name, spanKind: record.spanKind } : { name };
}
