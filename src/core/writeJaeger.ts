/**
 * Model → the Jaeger query API v1 JSON (`GET /api/traces/{id}`, also what the Jaeger UI downloads and
 * uploads): `{data:[{traceID, spans, processes, warnings}], total, limit, offset, errors}`.
 *
 * OpenTelemetry-only fields travel as the tags the Jaeger ↔ OTLP translator uses: `span.kind`,
 * `otel.status_code`, `otel.status_description`, `error`, `otel.scope.name`, `otel.scope.version`,
 * `w3c.tracestate`. Jaeger references carry no attributes, so link attributes are dropped and OTLP links
 * become `FOLLOWS_FROM` references.
 *
 * Pure: returns plain objects for `JSON.stringify`; no I/O.
 */
import type { Attribute, Span, SpanReference, Trace } from './model';

/** Jaeger tag value types as the query API spells them. */
export type JaegerTagType = 'string' | 'bool' | 'int64' | 'float64' | 'binary';

export interface JaegerTag {
  readonly key: string;
  readonly type: JaegerTagType;
  /** `int64`: a number, or the exact decimal text for values beyond 2^53. `binary`: base64 text. */
  readonly value: string | number | boolean;
}

export interface JaegerSpan {
  readonly traceID: string;
  readonly spanID: string;
  readonly flags?: number;
  readonly operationName: string;
  readonly references: readonly { readonly refType: 'CHILD_OF' | 'FOLLOWS_FROM'; readonly traceID: string; readonly spanID: string }[];
  /** Microseconds since the Unix epoch. */
  readonly startTime: number;
  /** Microseconds. */
  readonly duration: number;
  readonly tags: readonly JaegerTag[];
  readonly logs: readonly { readonly timestamp: number; readonly fields: readonly JaegerTag[] }[];
  readonly processID: string;
  readonly warnings: readonly string[] | null;
}

export interface JaegerProcess {
  readonly serviceName: string;
  readonly tags: readonly JaegerTag[];
}

export interface JaegerTraceData {
  readonly traceID: string;
  readonly spans: readonly JaegerSpan[];
  /** Keyed `p1`, `p2`, … in order of first use. */
  readonly processes: { readonly [processId: string]: JaegerProcess };
  readonly warnings: readonly string[] | null;
}

/** The query API envelope. `total`/`limit`/`offset` are always 0 in real responses to a trace fetch. */
export interface JaegerDocument {
  readonly data: readonly JaegerTraceData[];
  readonly total: 0;
  readonly limit: 0;
  readonly offset: 0;
  readonly errors: null;
}

const SERVICE_NAME = 'service.name';

/** Writes traces in the Jaeger query API v1 envelope, one `data` entry per trace. */
export function toJaegerJson(traces: readonly Trace[]): JaegerDocument {
  return { data: traces.map(toJaegerTrace), total: 0, limit: 0, offset: 0, errors: null };
}

function toJaegerTrace(trace: Trace): JaegerTraceData {
  const processes: { [processId: string]: JaegerProcess } = {};
  // Spans of one service usually share one resource array: cache by identity first, by content second.
  const processIdByResource = new Map<readonly Attribute[], Map<string, string>>();
  const processIdByContent = new Map<string, string>();
  const processIdFor = (span: Span): string => {
    let byService = processIdByResource.get(span.resource);
    if (byService === undefined) {
      byService = new Map();
      processIdByResource.set(span.resource, byService);
    }
    let processId = byService.get(span.service);
    if (processId !== undefined) return processId;
    const contentKey = `${span.service}\u0000${JSON.stringify(span.resource)}`;
    processId = processIdByContent.get(contentKey);
    if (processId === undefined) {
      processId = `p${processIdByContent.size + 1}`;
      processIdByContent.set(contentKey, processId);
      processes[processId] = {
        serviceName: span.service,
        tags: span.resource.filter((attribute) => attribute.key !== SERVICE_NAME).map(toJaegerTag),
      };
    }
    byService.set(span.service, processId);
    return processId;
  };
  return {
    traceID: trace.traceId,
    spans: trace.spans.map((span) => toJaegerSpan(span, processIdFor(span))),
    processes,
    warnings: trace.warnings.length > 0 ? [...trace.warnings] : null,
  };
}

function toJaegerSpan(span: Span, processId: string): JaegerSpan {
  const written: { -readonly [K in keyof JaegerSpan]: JaegerSpan[K] } = {
    traceID: span.traceId,
    spanID: span.spanId,
    operationName: span.operation,
    references: jaegerReferences(span),
    startTime: span.startUs,
    duration: span.durationUs,
    tags: [...span.attributes.map(toJaegerTag), ...otelTags(span)],
    logs: span.events.map((event) => ({
      timestamp: event.timeUs,
      fields: [{ key: 'event', type: 'string', value: event.name }, ...event.attributes.map(toJaegerTag)],
    })),
    processID: processId,
    warnings: span.warnings.length > 0 ? [...span.warnings] : null,
  };
  if (span.flags !== undefined) written.flags = span.flags;
  return written;
}

/** The parent edge first as `CHILD_OF` (Jaeger takes the first one as the parent), then the others. */
function jaegerReferences(span: Span): JaegerSpan['references'][number][] {
  const references: JaegerSpan['references'][number][] = [];
  let parentWritten = false;
  const others: SpanReference[] = [];
  for (const reference of span.references) {
    if (!parentWritten && reference.type === 'child-of' && reference.spanId === span.parentSpanId) {
      parentWritten = true;
      references.push({ refType: 'CHILD_OF', traceID: reference.traceId, spanID: reference.spanId });
    } else {
      others.push(reference);
    }
  }
  if (!parentWritten && span.parentSpanId !== undefined) {
    references.push({ refType: 'CHILD_OF', traceID: span.traceId, spanID: span.parentSpanId });
  }
  for (const reference of others) {
    const refType = reference.type === 'child-of' ? 'CHILD_OF' : 'FOLLOWS_FROM';
    references.push({ refType, traceID: reference.traceId, spanID: reference.spanId });
  }
  return references;
}

/** Fields Jaeger has no slot for, as the tags the OTLP → Jaeger translator writes. */
function otelTags(span: Span): JaegerTag[] {
  const tags: JaegerTag[] = [];
  const present = (key: string): boolean => span.attributes.some((attribute) => attribute.key === key);
  if (span.kind !== 'unspecified' && !present('span.kind')) tags.push({ key: 'span.kind', type: 'string', value: span.kind });
  if (span.status.code !== 'unset' && !present('otel.status_code')) {
    tags.push({ key: 'otel.status_code', type: 'string', value: span.status.code.toUpperCase() });
  }
  if (span.status.code === 'error' && !present('error')) tags.push({ key: 'error', type: 'bool', value: true });
  if (span.status.message !== undefined && span.status.message !== '' && !present('otel.status_description')) {
    tags.push({ key: 'otel.status_description', type: 'string', value: span.status.message });
  }
  if (span.scope !== undefined && span.scope.name !== '' && !present('otel.scope.name')) {
    tags.push({ key: 'otel.scope.name', type: 'string', value: span.scope.name });
    if (span.scope.version !== undefined) tags.push({ key: 'otel.scope.version', type: 'string', value: span.scope.version });
  }
  if (span.traceState !== undefined && span.traceState !== '' && !present('w3c.tracestate')) {
    tags.push({ key: 'w3c.tracestate', type: 'string', value: span.traceState });
  }
  return tags;
}

/**
 * One model attribute → a typed Jaeger tag. Arrays, maps and empty values have no Jaeger type: they are
 * written as `string` tags holding their JSON text, as the OTLP → Jaeger translator does.
 */
export function toJaegerTag(attribute: Attribute): JaegerTag {
  const { key, value } = attribute;
  switch (attribute.type) {
    case 'bool':
      return { key, type: 'bool', value: value === true || value === 'true' };
    case 'int':
      // Beyond 2^53 the model keeps the exact decimal text; a JSON number would round it.
      return { key, type: 'int64', value: typeof value === 'number' ? Math.trunc(value) : String(value) };
    case 'double':
      return { key, type: 'float64', value: typeof value === 'number' ? value : Number(value) };
    case 'bytes':
      return { key, type: 'binary', value: typeof value === 'string' ? value : '' };
    case 'string':
      return { key, type: 'string', value: typeof value === 'string' ? value : JSON.stringify(value) };
    case 'empty':
      return { key, type: 'string', value: '' };
    case 'array':
    case 'map':
      return { key, type: 'string', value: JSON.stringify(value) };
  }
}
