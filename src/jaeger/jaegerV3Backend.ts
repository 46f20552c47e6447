/**
 * Jaeger v2's `/api/v3` HTTP API (OTLP/JSON traces): services, operations, trace search, one trace, and
 * trace summaries where the server has them.
 *
 * Search parameters are `query.*` in camelCase since Jaeger v2.19 (`query.serviceName`), snake_case before
 * (`query.service_name`); the snake_case names are due to be removed. The client starts with camelCase, and
 * when a server answers 400 it retries once with the other spelling and remembers the one that worked.
 * Times are RFC 3339 with nanoseconds; a search that matches nothing answers 404 "No traces found".
 */
import { nanosToMicros } from '../core/time';
import { normalizeTraceId } from '../core/ids';
import type { Trace } from '../core/model';
import { DEFAULT_SEARCH_LIMIT, searchWindow } from './backendTypes';
import type { BackendResult, ConnectionOptions, ServiceOperation, TraceBackend, TraceHitSummary, TraceQuery, TraceSearchHit } from './backendTypes';
import { HttpClient, type QueryParams } from './httpClient';
import { goDuration, hitsFromTraces, isRecord, stringArray, tracesFromBody, wrongShape, type JsonRecord } from './responseShapes';

/** How a server spells the `query.*` search parameters. */
export type V3ParamStyle = 'camelCase' | 'snake_case';

const PARAM_NAMES: { readonly [S in V3ParamStyle]: Readonly<Record<'service' | 'operation' | 'startMin' | 'startMax' | 'durationMin' | 'durationMax' | 'depth' | 'attributes', string>> } = {
  camelCase: {
    service: 'query.serviceName', operation: 'query.operationName', startMin: 'query.startTimeMin', startMax: 'query.startTimeMax',
    durationMin: 'query.durationMin', durationMax: 'query.durationMax', depth: 'query.searchDepth', attributes: 'query.attributes',
  },
  snake_case: {
    service: 'query.service_name', operation: 'query.operation_name', startMin: 'query.start_time_min', startMax: 'query.start_time_max',
    durationMin: 'query.duration_min', durationMax: 'query.duration_max', depth: 'query.search_depth', attributes: 'query.attributes',
  },
};

export class JaegerV3Backend implements TraceBackend {
  readonly kind = 'jaeger-v3';
  readonly displayUrl: string;
  /** The spelling the server accepted last; camelCase until a server says otherwise. */
  paramStyle: V3ParamStyle = 'camelCase';

  constructor(private readonly http: HttpClient, private readonly basePath = '') {
    this.displayUrl = http.baseUrl + basePath;
  }

  static create(options: ConnectionOptions, basePath = ''): JaegerV3Backend {
    return new JaegerV3Backend(new HttpClient(options), basePath);
  }

  async listServices(signal?: AbortSignal): Promise<BackendResult<string[]>> {
    const path = `${this.basePath}/api/v3/services`;
    const body = await this.http.getJson(path, {}, signal);
    if (!body.ok) return body;
    const services = isRecord(body.value) ? stringArray(body.value.services ?? []) : undefined;
    return services === undefined ? wrongShape(this.http, path, 'a Jaeger /api/v3 services list ({"services": [...]})') : { ok: true, value: services.sort() };
  }

  async listOperations(service: string, signal?: AbortSignal, spanKind?: string): Promise<BackendResult<ServiceOperation[]>> {
    const path = `${this.basePath}/api/v3/operations`;
    // Both spellings of the kind filter: servers ignore parameters they do not know.
    const body = await this.http.getJson(path, { service, spanKind, span_kind: spanKind }, signal);
    if (!body.ok) return body;
    const list = isRecord(body.value) ? body.value.operations ?? [] : undefined;
    if (!Array.isArray(list)) return wrongShape(this.http, path, 'a Jaeger /api/v3 operations list');
    return {
      ok: true,
      value: list.filter(isRecord).map((op) => {
        const name = String(op.name ?? '');
        return typeof op.spanKind === 'string' && op.spanKind !== '' ? { name, spanKind: op.spanKind } : { name };
      }),
    };
  }

  async searchTraces(query: TraceQuery, signal?: AbortSignal): Promise<BackendResult<TraceSearchHit[]>> {
    const path = `${this.basePath}/api/v3/traces`;
    const body = await this.searchRequest(path, query, signal);
    if (!body.ok) return isNoTracesFound(body) ? { ok: true, value: [] } : body;
    const traces = tracesFromBody(this.http, path, body.value);
    return traces.ok ? { ok: true, value: hitsFromTraces(traces.value) } : traces;
  }

  /** `/api/v3/trace-summaries` (newer servers): one summary per trace, no spans. */
  async searchTraceSummaries(query: TraceQuery, signal?: AbortSignal): Promise<BackendResult<TraceSearchHit[]>> {
    const path = `${this.basePath}/api/v3/trace-summaries`;
    const body = await this.searchRequest(path, query, signal);
    if (!body.ok) return isNoTracesFound(body) ? { ok: true, value: [] } : body;
    const list = isRecord(body.value) ? body.value.summaries ?? [] : undefined;
    if (!Array.isArray(list)) return wrongShape(this.http, path, 'a Jaeger trace-summaries list');
    return { ok: true, value: list.filter(isRecord).map((summary) => ({ summary: toHitSummary(summary) })) };
  }

  async getTrace(traceId: string, signal?: AbortSignal): Promise<BackendResult<Trace>> {
    const path = `${this.basePath}/api/v3/traces/${encodeURIComponent(traceId)}`;
    const body = await this.http.getJson(path, {}, signal);
    if (!body.ok) return body.reason === 'not-found' ? { ...body, message: `Jaeger has no trace ${traceId} (it may have expired from storage): ${body.message}` } : body;
    const traces = tracesFromBody(this.http, path, body.value);
    if (!traces.ok) return traces;
    const trace = traces.value[0];
    return trace === undefined ? this.http.fail('not-found', `Jaeger has no trace ${traceId} (it may have expired from storage).`) : { ok: true, value: trace };
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /** One search GET in the remembered spelling; on a 400, once more in the other spelling. */
  private async searchRequest(path: string, query: TraceQuery, signal: AbortSignal | undefined): Promise<BackendResult<unknown>> {
    const first = await this.http.getJson(path, searchParams(query, this.paramStyle), signal);
    if (first.ok || first.status !== 400) return first;
    const other: V3ParamStyle = this.paramStyle === 'camelCase' ? 'snake_case' : 'camelCase';
    const second = await this.http.getJson(path, searchParams(query, other), signal);
    if (second.ok || isNoTracesFound(second)) this.paramStyle = other;
    // When both spellings fail, the first answer is the one about the user's query.
    return second.ok || second.status !== 400 ? second : first;
  }
}

function isNoTracesFound(failure: { readonly status?: number; readonly serverMessage?: string }): boolean {
  return failure.status === 404 && /no traces found/i.test(failure.serverMessage ?? '');
}

function searchParams(query: TraceQuery, style: V3ParamStyle): QueryParams {
  const names = PARAM_NAMES[style];
  const { startUs, endUs } = searchWindow(query);
  const hasTags = query.tags !== undefined && Object.keys(query.tags).length > 0;
  return {
    [names.service]: query.service,
    [names.operation]: query.operation,
    [names.startMin]: rfc3339Nano(startUs),
    [names.startMax]: rfc3339Nano(endUs),
    [names.durationMin]: goDuration(query.minDurationUs),
    [names.durationMax]: goDuration(query.maxDurationUs),
    [names.depth]: query.limit ?? DEFAULT_SEARCH_LIMIT,
    [names.attributes]: hasTags ? JSON.stringify(query.tags) : undefined,
  };
}

/** Microseconds since the epoch → RFC 3339 with nanoseconds, e.g. `2023-11-14T22:13:20.123456000Z`. */
export function rfc3339Nano(us: number): string {
  const wholeMs = Math.floor(us / 1000);
  const seconds = new Date(wholeMs).toISOString().slice(0, 19);
  const fractionUs = us - Math.floor(us / 1_000_000) * 1_000_000;
  return `${seconds}.${String(fractionUs).padStart(6, '0')}000Z`;
}

function toHitSummary(summary: JsonRecord): TraceHitSummary {
  const start = nanosToMicros(summary.minStartTimeUnixNano);
  const end = nanosToMicros(summary.maxEndTimeUnixNano);
  const startUs = start?.ok ? start.us : 0;
  const endUs = end?.ok ? end.us : startUs;
  const services = Array.isArray(summary.services)
    ? summary.services.filter(isRecord).map((service) => String(service.name ?? '')).filter((name) => name !== '').sort()
    : [];
  const result: TraceHitSummary = {
    traceId: normalizeTraceId(String(summary.traceId ?? '')),
    startUs,
    durationUs: Math.max(0, endUs - startUs),
    rootService: String(summary.rootServiceName ?? ''),
    rootOperation: String(summary.rootOperationName ?? ''),
    services,
  };
  const spanCount = typeof summary.spanCount === 'number' ? summary.spanCount : undefined;
  const errorCount = typeof summary.errorSpanCount === 'number' ? summary.errorSpanCount : 0;
  return spanCount === undefined ? result : { ...result, spanCount, errorCount };
}
