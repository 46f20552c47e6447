/**
 * The four HTTP APIs the fake backend speaks, each answering from the same small set of model traces in
 * that API's own JSON (via core's writers): Jaeger query v1, Jaeger v2 `/api/v3`, Zipkin v2, Grafana Tempo.
 * Error bodies are spelled as each real server spells them.
 */
import type { Trace } from '../../src/core/model';
import { toJaegerJson } from '../../src/core/writeJaeger';
import { microsToNanoText, toOtlpJson } from '../../src/core/writeOtlp';
import { toZipkinJson } from '../../src/core/writeZipkin';
import { findTraces, numberParam, parseGoDuration, parseLogfmt, parseRfc3339, summaryOf, type FakeCriteria } from './fakeSearch';

export type FakeApi = 'jaeger-v1' | 'jaeger-v3' | 'zipkin' | 'tempo';

export interface FakeReply {
  readonly status?: number;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface FakeApiConfig {
  readonly apis: ReadonlySet<FakeApi>;
  readonly traces: readonly Trace[];
  /** Which `query.*` spelling `/api/v3` search accepts: after v2.20 only camelCase, before v2.19 only snake_case. */
  readonly v3ParamStyle: 'camelCase' | 'snake_case' | 'both';
  readonly v3TraceSummaries: boolean;
  /** false: a Jaeger older than 1.17, with only `/api/services/{s}/operations`. */
  readonly v1OperationsEndpoint: boolean;
  /** false: a Tempo older than 2.5, without `/api/v2/traces/{id}` and the v2 tag endpoints. */
  readonly tempoV2: boolean;
  readonly dependencies: readonly { parent: string; child: string; callCount: number }[];
}

export const json = (value: unknown, status = 200): FakeReply => ({ status, contentType: 'application/json', body: JSON.stringify(value) });
export const text = (body: string, status = 200): FakeReply => ({ status, contentType: 'text/plain; charset=utf-8', body });
/** What Go's http.ServeMux answers for a path nobody handles. */
export const GO_NOT_FOUND = text('404 page not found\n', 404);

const jaegerError = (status: number, msg: string): FakeReply => json({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: status, msg }] }, status);
const v3Error = (status: number, message: string): FakeReply => json({ error: { httpCode: status, message } }, status);

/** Answers one GET, or undefined when no enabled API has this path. */
export function routeApi(config: FakeApiConfig, path: string, query: URLSearchParams): FakeReply | undefined {
  try {
    return (config.apis.has('jaeger-v3') ? routeJaegerV3(config, path, query) : undefined)
      ?? (config.apis.has('jaeger-v1') ? routeJaegerV1(config, path, query) : undefined)
      ?? (config.apis.has('zipkin') ? routeZipkin(config, path, query) : undefined)
      ?? (config.apis.has('tempo') ? routeTempo(config, path, query) : undefined);
  } catch (error) {
    // Bad parameter values (a duration, a time): every server answers 400 with the parser's words.
    return text((error as Error).message, 400);
  }
}

function services(traces: readonly Trace[]): string[] {
  return [...new Set(traces.flatMap((trace) => trace.spans.map((span) => span.service)))].sort();
}

function operations(traces: readonly Trace[], service: string): { name: string; spanKind: string }[] {
  const seen = new Map<string, string>();
  for (const span of traces.flatMap((trace) => trace.spans)) if (span.service === service) seen.set(span.operation, span.kind);
  return [...seen].map(([name, spanKind]) => ({ name, spanKind }));
}

function byId(traces: readonly Trace[], id: string): Trace | undefined {
  const wanted = id.toLowerCase().padStart(32, '0');
  return traces.find((trace) => trace.traceId === wanted);
}

function routeJaegerV1(config: FakeApiConfig, path: string, query: URLSearchParams): FakeReply | undefined {
  const envelope = (data: unknown) => json({ data, total: Array.isArray(data) ? data.length : 0, limit: 0, offset: 0, errors: null });
  if (path === '/api/services') return envelope(services(config.traces));
  const legacy = /^\/api\/services\/([^/]+)\/operations$/.exec(path);
  if (legacy !== null) return envelope(operations(config.traces, decodeURIComponent(legacy[1]!)).map((op) => op.name));
  if (path === '/api/operations' && config.v1OperationsEndpoint) {
    const kind = query.get('spanKind');
    return envelope(operations(config.traces, query.get('service') ?? '').filter((op) => kind === null || kind === '' || op.spanKind === kind));
  }
  if (path === '/api/traces') {
    if (!query.get('service')) return jaegerError(400, "parameter 'service' is required");
    const tags = query.get('tags');
    const criteria: FakeCriteria = {
      service: query.get('service') ?? undefined, operation: query.get('operation') || undefined,
      tags: tags === null ? undefined : (JSON.parse(tags) as Record<string, string>),
      startUs: numberParam(query, 'start'), endUs: numberParam(query, 'end'),
      minDurationUs: parseGoDuration(query.get('minDuration')), maxDurationUs: parseGoDuration(query.get('maxDuration')),
      limit: numberParam(query, 'limit'),
    };
    return json(toJaegerJson(findTraces(config.traces, criteria)));
  }
  const one = /^\/api\/traces\/([^/]+)$/.exec(path);
  if (one !== null) {
    const trace = byId(config.traces, decodeURIComponent(one[1]!));
    return trace === undefined ? jaegerError(404, 'trace not found') : json(toJaegerJson([trace]));
  }
  if (path === '/api/dependencies') {
    if (numberParam(query, 'endTs') === undefined) return jaegerError(400, "parameter 'endTs' is required");
    return envelope(config.dependencies);
  }
  return undefined;
}

function routeJaegerV3(config: FakeApiConfig, path: string, query: URLSearchParams): FakeReply | undefined {
  if (path === '/api/v3/services') return json({ services: services(config.traces) });
  if (path === '/api/v3/operations') {
    const kind = query.get('spanKind') ?? query.get('span_kind');
    return json({ operations: operations(config.traces, query.get('service') ?? '').filter((op) => !kind || op.spanKind === kind) });
  }
  if (path === '/api/v3/traces' || (path === '/api/v3/trace-summaries' && config.v3TraceSummaries)) {
    const criteria = v3Criteria(config, query);
    if ('body' in criteria) return criteria;
    const found = findTraces(config.traces, criteria);
    if (found.length === 0) return v3Error(404, 'No traces found');
    if (path === '/api/v3/traces') return json({ result: toOtlpJson(found) });
    return json({ summaries: found.map(v3Summary) });
  }
  const one = /^\/api\/v3\/traces\/([^/]+)$/.exec(path);
  if (one !== null) {
    const trace = byId(config.traces, decodeURIComponent(one[1]!));
    return trace === undefined ? v3Error(404, 'trace not found') : json({ result: toOtlpJson([trace]) });
  }
  return undefined;
}

/** Reads `query.*` in the spelling(s) this fake server accepts; a 400 like Jaeger's when the window is missing. */
function v3Criteria(config: FakeApiConfig, query: URLSearchParams): FakeCriteria | FakeReply {
  const styles = config.v3ParamStyle === 'both' ? ['camelCase', 'snake_case'] as const : [config.v3ParamStyle];
  const get = (camel: string, snake: string): string | null => {
    for (const style of styles) {
      const value = query.get(`query.${style === 'camelCase' ? camel : snake}`);
      if (value !== null) return value;
    }
    return null;
  };
  const min = get('startTimeMin', 'start_time_min');
  const max = get('startTimeMax', 'start_time_max');
  if (min === null || max === null) {
    const [a, b] = styles[0] === 'camelCase' ? ['query.startTimeMin', 'query.startTimeMax'] : ['query.start_time_min', 'query.start_time_max'];
    return v3Error(400, `${a} and ${b} are required`);
  }
  const attributes = get('attributes', 'attributes');
  return {
    service: get('serviceName', 'service_name') ?? undefined, operation: get('operationName', 'operation_name') ?? undefined,
    tags: attributes === null ? undefined : (JSON.parse(attributes) as Record<string, string>),
    startUs: parseRfc3339(min), endUs: parseRfc3339(max),
    minDurationUs: parseGoDuration(get('durationMin', 'duration_min')), maxDurationUs: parseGoDuration(get('durationMax', 'duration_max')),
    limit: Number(get('searchDepth', 'search_depth') ?? 0),
  };
}

function v3Summary(trace: Trace): unknown {
  const summary = summaryOf(trace);
  return {
    traceId: trace.traceId, rootServiceName: summary.rootService, rootOperationName: summary.rootOperation,
    minStartTimeUnixNano: microsToNanoText(summary.startUs), maxEndTimeUnixNano: microsToNanoText(summary.startUs + summary.durationUs),
    spanCount: summary.spanCount, errorSpanCount: summary.errorCount,
    services: summary.services.map((name) => ({ name, spanCount: trace.spans.filter((span) => span.service === name).length })),
  };
}

function routeZipkin(config: FakeApiConfig, path: string, query: URLSearchParams): FakeReply | undefined {
  if (path === '/api/v2/services') return json(services(config.traces));
  if (path === '/api/v2/spans') {
    const service = query.get('serviceName');
    if (!service) return text('serviceName is required', 400);
    return json(operations(config.traces, service).map((op) => op.name).sort());
  }
  if (path === '/api/v2/traces') {
    const endMs = numberParam(query, 'endTs') ?? Date.now();
    const lookbackMs = numberParam(query, 'lookback') ?? 86_400_000;
    const tags: Record<string, string> = {};
    for (const term of (query.get('annotationQuery') ?? '').split(' and ').filter((t) => t !== '')) {
      const [key, value] = term.split('=');
      tags[key!] = value ?? '';
    }
    const found = findTraces(config.traces, {
      service: query.get('serviceName') ?? undefined, operation: query.get('spanName') ?? undefined, tags,
      startUs: (endMs - lookbackMs) * 1000, endUs: endMs * 1000 + 999,
      minDurationUs: numberParam(query, 'minDuration'), maxDurationUs: numberParam(query, 'maxDuration'), limit: numberParam(query, 'limit'),
    });
    return json(found.map((trace) => toZipkinJson([trace])));
  }
  const one = /^\/api\/v2\/trace\/([^/]+)$/.exec(path);
  if (one !== null) {
    const id = decodeURIComponent(one[1]!);
    const trace = byId(config.traces, id);
    return trace === undefined ? text(`${id} not found`, 404) : json(toZipkinJson([trace]));
  }
  if (path === '/api/v2/dependencies') return json(config.dependencies);
  return undefined;
}

function routeTempo(config: FakeApiConfig, path: string, query: URLSearchParams): FakeReply | undefined {
  if (path === '/api/echo') return text('echo');
  if (path === '/api/search') return tempoSearch(config, query);
  if (path === '/api/search/tags') return json({ tagNames: ['http.method', 'customer', 'service.name', 'name'].sort() });
  const values = /^\/api\/(v2\/)?search\/tag\/([^/]+)\/values$/.exec(path);
  if (values !== null && (values[1] === undefined || config.tempoV2)) {
    const tag = decodeURIComponent(values[2]!);
    const service = values[1] === undefined ? undefined : /resource\.service\.name\s*=\s*"([^"]*)"/.exec(query.get('q') ?? '')?.[1];
    const spans = config.traces.flatMap((trace) => trace.spans).filter((span) => service === undefined || span.service === service);
    const found = [...new Set(spans.map((span) => (tag === 'service.name' ? span.service : tag === 'name' ? span.operation : undefined)).filter((v) => v !== undefined))];
    return json({ tagValues: values[1] === undefined ? found : found.map((value) => ({ type: 'string', value })) });
  }
  const one = /^\/api\/(v2\/)?traces\/([^/]+)$/.exec(path);
  if (one !== null && (one[1] === undefined || config.tempoV2)) {
    const trace = byId(config.traces, decodeURIComponent(one[2]!));
    if (trace === undefined) return text('trace not found', 404);
    const resourceSpans = toOtlpJson([trace]).resourceSpans;
    return json(one[1] === undefined ? { batches: resourceSpans } : { trace: { resourceSpans } });
  }
  return undefined;
}

function tempoSearch(config: FakeApiConfig, query: URLSearchParams): FakeReply {
  const q = query.get('q');
  let criteria: FakeCriteria;
  if (q !== null) {
    if (!q.trim().startsWith('{')) return text('invalid TraceQL query: parse error at line 1, col 1: syntax error', 400);
    criteria = {
      service: /resource\.service\.name\s*=\s*"([^"]*)"/.exec(q)?.[1],
      operation: /(?:^|[\s{&])name\s*=\s*"([^"]*)"/.exec(q)?.[1],
    };
  } else {
    const { 'service.name': service, name: operation, ...tags } = parseLogfmt(query.get('tags'));
    criteria = { service, operation, tags };
  }
  const start = numberParam(query, 'start');
  const end = numberParam(query, 'end');
  const found = findTraces(config.traces, {
    ...criteria,
    startUs: start === undefined ? undefined : start * 1_000_000, endUs: end === undefined ? undefined : end * 1_000_000,
    minDurationUs: parseGoDuration(query.get('minDuration')), maxDurationUs: parseGoDuration(query.get('maxDuration')), limit: numberParam(query, 'limit'),
  });
  return json({ traces: found.map(tempoHit), metrics: { inspectedTraces: config.traces.length } });
}

function tempoHit(trace: Trace): unknown {
  const summary = summaryOf(trace);
  const serviceStats: Record<string, { spanCount: number; errorCount?: number }> = {};
  for (const span of trace.spans) {
    const stats = (serviceStats[span.service] ??= { spanCount: 0 });
    stats.spanCount++;
    if (span.status.code === 'error') stats.errorCount = (stats.errorCount ?? 0) + 1;
  }
  return {
    // Tempo drops the leading zeros of trace ids.
    traceID: trace.traceId.replace(/^0+/, ''),
    rootServiceName: summary.rootService, rootTraceName: summary.rootOperation,
    startTimeUnixNano: microsToNanoText(summary.startUs), durationMs: Math.round(summary.durationUs / 1000),
    serviceStats,
  };
}
