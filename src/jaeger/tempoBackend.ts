/**
 * Grafana Tempo's HTTP API: search (tag search in logfmt, or TraceQL with `q=`; times in SECONDS), one trace
 * (`/api/v2/traces/{id}`, falling back to the legacy `/api/traces/{id}` `batches` shape), `/api/echo`, and the
 * tag endpoints that list services and span names. Search answers carry summaries, not spans: fetch a hit's
 * trace with `getTrace`.
 */
import { normalizeTraceId } from '../core/ids';
import type { Trace } from '../core/model';
import { nanosToMicros } from '../core/time';
import { DEFAULT_SEARCH_LIMIT, searchWindow } from './backendTypes';
import type { BackendResult, ConnectionOptions, ServiceOperation, TraceBackend, TraceHitSummary, TraceQuery, TraceSearchHit } from './backendTypes';
import { HttpClient } from './httpClient';
import { formatLogfmtTags, goDuration, isRecord, stringArray, tracesFromBody, wrongShape, type JsonRecord } from './responseShapes';

export class TempoBackend implements TraceBackend {
  readonly kind = 'tempo';
  readonly displayUrl: string;

  constructor(private readonly http: HttpClient, private readonly basePath = '') {
    this.displayUrl = http.baseUrl + basePath;
  }

  static create(options: ConnectionOptions, basePath = ''): TempoBackend {
    return new TempoBackend(new HttpClient(options), basePath);
  }

  /** Tempo's liveness endpoint: answers the text `echo`. */
  async echo(signal?: AbortSignal): Promise<BackendResult<string>> {
    const path = `${this.basePath}/api/echo`;
    const response = await this.http.getText(path, {}, signal);
    if (!response.ok) return response;
    const text = response.value.text.trim();
    return text === 'echo' ? { ok: true, value: text } : wrongShape(this.http, path, 'Tempo\'s "echo"');
  }

  /** Every tag name Tempo has indexed (`/api/search/tags`). */
  async searchTags(signal?: AbortSignal): Promise<BackendResult<string[]>> {
    const path = `${this.basePath}/api/search/tags`;
    const body = await this.http.getJson(path, {}, signal);
    if (!body.ok) return body;
    const names = isRecord(body.value) ? stringArray(body.value.tagNames ?? []) : undefined;
    return names === undefined ? wrongShape(this.http, path, 'a Tempo tag list ({"tagNames": [...]})') : { ok: true, value: names.sort() };
  }

  /** Values of one tag (`service.name`, `name`, …), optionally narrowed by a TraceQL query. */
  async tagValues(tag: string, traceQl?: string, signal?: AbortSignal): Promise<BackendResult<string[]>> {
    const path = `${this.basePath}/api/v2/search/tag/${encodeURIComponent(tag)}/values`;
    const body = await this.http.getJson(path, { q: traceQl }, signal);
    if (!body.ok && body.reason === 'not-found') {
      // Tempo 1.x has only the v1 endpoint, which answers plain strings and ignores q.
      const legacyPath = `${this.basePath}/api/search/tag/${encodeURIComponent(tag)}/values`;
      const legacy = await this.http.getJson(legacyPath, {}, signal);
      if (!legacy.ok) return legacy;
      return readTagValues(this.http, legacyPath, legacy.value);
    }
    if (!body.ok) return body;
    return readTagValues(this.http, path, body.value);
  }

  listServices(signal?: AbortSignal): Promise<BackendResult<string[]>> {
    return this.tagValues('service.name', undefined, signal);
  }

  async listOperations(service: string, signal?: AbortSignal): Promise<BackendResult<ServiceOperation[]>> {
    const names = await this.tagValues('name', `{ resource.service.name = ${JSON.stringify(service)} }`, signal);
    return names.ok ? { ok: true, value: names.value.map((name) => ({ name })) } : names;
  }

  async searchTraces(query: TraceQuery, signal?: AbortSignal): Promise<BackendResult<TraceSearchHit[]>> {
    const path = `${this.basePath}/api/search`;
    const { startUs, endUs } = searchWindow(query);
    const tags: Record<string, string> = {};
    if (query.service !== undefined) tags['service.name'] = query.service;
    if (query.operation !== undefined) tags.name = query.operation;
    Object.assign(tags, query.tags);
    const useTraceQl = query.traceQl !== undefined && query.traceQl.trim() !== '';
    const body = await this.http.getJson(path, {
      q: useTraceQl ? query.traceQl : undefined,
      tags: !useTraceQl && Object.keys(tags).length > 0 ? formatLogfmtTags(tags) : undefined,
      start: Math.floor(startUs / 1_000_000),
      end: Math.ceil(endUs / 1_000_000),
      minDuration: goDuration(query.minDurationUs),
      maxDuration: goDuration(query.maxDurationUs),
      limit: query.limit ?? DEFAULT_SEARCH_LIMIT,
    }, signal);
    if (!body.ok) return body;
    const list = isRecord(body.value) ? body.value.traces ?? [] : undefined;
    if (!Array.isArray(list)) return wrongShape(this.http, path, 'a Tempo search result ({"traces": [...]})');
    return { ok: true, value: list.filter(isRecord).map((trace) => ({ summary: toHitSummary(trace) })) };
  }

  async getTrace(traceId: string, signal?: AbortSignal): Promise<BackendResult<Trace>> {
    const id = encodeURIComponent(traceId);
    let path = `${this.basePath}/api/v2/traces/${id}`;
    let body = await this.http.getJson(path, {}, signal);
    if (!body.ok && body.reason === 'not-found') {
      // Before Tempo 2.5 only the v1 route exists; it also answers 404 for an unknown trace.
      path = `${this.basePath}/api/traces/${id}`;
      body = await this.http.getJson(path, {}, signal);
    }
    if (!body.ok) return body.reason === 'not-found' ? { ...body, message: `Tempo has no trace ${traceId} (outside its retention?): ${body.message}` } : body;
    const traces = tracesFromBody(this.http, path, body.value);
    if (!traces.ok) return traces;
    const trace = traces.value[0];
    return trace === undefined ? this.http.fail('not-found', `Tempo has no trace ${traceId}.`) : { ok: true, value: trace };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

/** v2 answers `{tagValues: [{type, value}]}`, v1 `{tagValues: ["value"]}`. */
function readTagValues(http: HttpClient, path: string, body: unknown): BackendResult<string[]> {
  const list = isRecord(body) ? body.tagValues ?? [] : undefined;
  if (!Array.isArray(list)) return wrongShape(http, path, 'a Tempo tag-values list ({"tagValues": [...]})');
  const values = list.map((item) => (isRecord(item) ? item.value : item)).filter((value): value is string => typeof value === 'string');
  return { ok: true, value: [...new Set(values)].sort() };
}

function toHitSummary(trace: JsonRecord): TraceHitSummary {
  const start = nanosToMicros(trace.startTimeUnixNano);
  const rootService = String(trace.rootServiceName ?? '');
  const summary: TraceHitSummary = {
    traceId: normalizeTraceId(String(trace.traceID ?? '')),
    startUs: start?.ok ? start.us : 0,
    // Tempo reports whole milliseconds only.
    durationUs: typeof trace.durationMs === 'number' ? Math.round(trace.durationMs * 1000) : 0,
    rootService,
    rootOperation: String(trace.rootTraceName ?? ''),
    services: rootService === '' ? [] : [rootService],
  };
  const stats = isRecord(trace.serviceStats) ? trace.serviceStats : undefined;
  if (stats === undefined) return summary;
  let spanCount = 0;
  let errorCount = 0;
  for (const value of Object.values(stats)) {
    if (!isRecord(value)) continue;
    spanCount += typeof value.spanCount === 'number' ? value.spanCount : 0;
    errorCount += typeof value.errorCount === 'number' ? value.errorCount : 0;
  }
  return { ...summary, services: Object.keys(stats).sort(), spanCount, errorCount };
}
