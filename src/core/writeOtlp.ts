/**
 * Model → OTLP/JSON (the protobuf JSON mapping of `ExportTraceServiceRequest`), as the OpenTelemetry
 * Collector's file exporter and `/v1/traces` speak it: hex ids, times as nanosecond decimal STRINGS, kind and
 * status code as integers, attribute values as `AnyValue` with int64 as strings.
 *
 * Pure: returns plain objects for `JSON.stringify`; no I/O.
 */
import type { Attribute, AttributeValue, InstrumentationScope, Span, SpanKind, SpanReference, StatusCode, Trace } from './model';

/** OTLP/JSON `AnyValue`: exactly one field is set; `{}` is the empty value. */
export type OtlpAnyValue =
  | { readonly stringValue: string }
  | { readonly boolValue: boolean }
  | { readonly intValue: string }
  | { readonly doubleValue: number }
  | { readonly bytesValue: string }
  | { readonly arrayValue: { readonly values: readonly OtlpAnyValue[] } }
  | { readonly kvlistValue: { readonly values: readonly OtlpKeyValue[] } }
  | Readonly<Record<string, never>>;

export interface OtlpKeyValue {
  readonly key: string;
  readonly value: OtlpAnyValue;
}

export interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly traceState?: string;
  readonly flags?: number;
  readonly name: string;
  /** `SpanKind` enum number: 0 unspecified … 5 consumer. */
  readonly kind: number;
  /** Nanoseconds since the Unix epoch, decimal text. */
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly attributes: readonly OtlpKeyValue[];
  readonly events: readonly { readonly timeUnixNano: string; readonly name: string; readonly attributes: readonly OtlpKeyValue[] }[];
  readonly links: readonly { readonly traceId: string; readonly spanId: string; readonly attributes: readonly OtlpKeyValue[] }[];
  /** `code`: 0 unset, 1 ok, 2 error. */
  readonly status: { readonly code?: number; readonly message?: string };
}

export interface OtlpScopeSpans {
  readonly scope: { readonly name: string; readonly version?: string; readonly attributes: readonly OtlpKeyValue[] };
  readonly spans: OtlpSpan[];
}

export interface OtlpResourceSpans {
  readonly resource: { readonly attributes: readonly OtlpKeyValue[] };
  readonly scopeSpans: OtlpScopeSpans[];
}

/** The whole OTLP/JSON document. */
export interface OtlpDocument {
  readonly resourceSpans: OtlpResourceSpans[];
}

const KIND_NUMBERS: { readonly [K in SpanKind]: number } = {
  unspecified: 0,
  internal: 1,
  server: 2,
  client: 3,
  producer: 4,
  consumer: 5,
};

const STATUS_NUMBERS: { readonly [K in StatusCode]: number } = { unset: 0, ok: 1, error: 2 };

const SERVICE_NAME = 'service.name';

/**
 * Microseconds (a non-negative safe integer) → OTLP nanosecond text, by appending "000" to the decimal
 * digits: the nanosecond value itself exceeds 2^53 for any current date, so it must never pass through a float.
 * `1700000000123456` → `"1700000000123456000"`.
 */
export function microsToNanoText(us: number): string {
  return us === 0 ? '0' : `${Math.trunc(us)}000`;
}

/**
 * Writes traces as one OTLP/JSON document. Spans are grouped by resource (service name + resource
 * attributes) and then by instrumentation scope, each group in order of first appearance; within a group
 * spans keep their order. A resource without `service.name` gets the span's service as `service.name`.
 *
 * References: the parent edge becomes `parentSpanId`; every other reference becomes a span link, with
 * `opentracing.ref_type` = `follows_from` / `child_of` for Jaeger references (the convention of the Jaeger →
 * OTLP translator), so nothing Jaeger said is lost.
 */
export function toOtlpJson(traces: readonly Trace[]): OtlpDocument {
  const resourceSpans: OtlpResourceSpans[] = [];
  const resourceByKey = new Map<string, { entry: OtlpResourceSpans; scopes: Map<string, OtlpScopeSpans> }>();
  for (const trace of traces) {
    for (const span of trace.spans) {
      const resourceKey = `${span.service}\u0000${JSON.stringify(span.resource)}`;
      let resource = resourceByKey.get(resourceKey);
      if (resource === undefined) {
        resource = { entry: { resource: { attributes: resourceAttributes(span) }, scopeSpans: [] }, scopes: new Map() };
        resourceByKey.set(resourceKey, resource);
        resourceSpans.push(resource.entry);
      }
      const scopeKey = span.scope === undefined ? '' : JSON.stringify(span.scope);
      let scope = resource.scopes.get(scopeKey);
      if (scope === undefined) {
        scope = { scope: toOtlpScope(span.scope), spans: [] };
        resource.scopes.set(scopeKey, scope);
        resource.entry.scopeSpans.push(scope);
      }
      scope.spans.push(toOtlpSpan(span));
    }
  }
  return { resourceSpans };
}

function resourceAttributes(span: Span): OtlpKeyValue[] {
  const attributes = span.resource.filter((attribute) => attribute.key !== SERVICE_NAME).map(toOtlpKeyValue);
  // The span's service is the source of truth for the name, even when the resource spelled it differently.
  attributes.unshift({ key: SERVICE_NAME, value: { stringValue: span.service } });
  return attributes;
}

function toOtlpScope(scope: InstrumentationScope | undefined): OtlpScopeSpans['scope'] {
  if (scope === undefined) return { name: '', attributes: [] };
  const attributes = scope.attributes.map(toOtlpKeyValue);
  return scope.version === undefined ? { name: scope.name, attributes } : { name: scope.name, version: scope.version, attributes };
}

function toOtlpSpan(span: Span): OtlpSpan {
  let parentSkipped = false;
  const links: OtlpSpan['links'][number][] = [];
  for (const reference of span.references) {
    if (!parentSkipped && reference.type === 'child-of' && reference.spanId === span.parentSpanId) {
      parentSkipped = true;
      continue;
    }
    links.push(toOtlpLink(reference));
  }
  const status: { code?: number; message?: string } = { code: STATUS_NUMBERS[span.status.code] };
  if (span.status.message !== undefined && span.status.message !== '') status.message = span.status.message;
  const written: { -readonly [K in keyof OtlpSpan]: OtlpSpan[K] } = {
    traceId: span.traceId,
    spanId: span.spanId,
    name: span.operation,
    kind: KIND_NUMBERS[span.kind],
    startTimeUnixNano: microsToNanoText(span.startUs),
    endTimeUnixNano: microsToNanoText(span.startUs + span.durationUs),
    attributes: span.attributes.map(toOtlpKeyValue),
    events: span.events.map((event) => ({
      timeUnixNano: microsToNanoText(event.timeUs),
      name: event.name,
      attributes: event.attributes.map(toOtlpKeyValue),
    })),
    links,
    status,
  };
  if (span.parentSpanId !== undefined) written.parentSpanId = span.parentSpanId;
  if (span.traceState !== undefined) written.traceState = span.traceState;
  if (span.flags !== undefined) written.flags = span.flags;
  return written;
}

function toOtlpLink(reference: SpanReference): OtlpSpan['links'][number] {
  const attributes = reference.attributes.map(toOtlpKeyValue);
  if (reference.type !== 'link' && !reference.attributes.some((a) => a.key === 'opentracing.ref_type')) {
    const refType = reference.type === 'follows-from' ? 'follows_from' : 'child_of';
    attributes.push({ key: 'opentracing.ref_type', value: { stringValue: refType } });
  }
  return { traceId: reference.traceId, spanId: reference.spanId, attributes };
}

/** One model attribute → OTLP `KeyValue`; the declared type decides the `AnyValue` field. */
export function toOtlpKeyValue(attribute: Attribute): OtlpKeyValue {
  return { key: attribute.key, value: typedAnyValue(attribute.type, attribute.value) };
}

function typedAnyValue(type: Attribute['type'], value: AttributeValue): OtlpAnyValue {
  switch (type) {
    case 'string':
      return { stringValue: typeof value === 'string' ? value : stringifyValue(value) };
    case 'bool':
      return { boolValue: value === true || value === 'true' };
    case 'int':
      // int64 is a JSON string in OTLP/JSON; big ints already arrive as their exact decimal text.
      return { intValue: typeof value === 'number' ? String(Math.trunc(value)) : String(value) };
    case 'double':
      return { doubleValue: typeof value === 'number' ? value : Number(value) };
    case 'bytes':
      return { bytesValue: typeof value === 'string' ? value : '' };
    case 'array':
    case 'map':
    case 'empty':
      return inferredAnyValue(value);
  }
}

/** Array elements and map entries carry no declared type: infer one from the JSON value. */
function inferredAnyValue(value: AttributeValue): OtlpAnyValue {
  if (value === null) return {};
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(inferredAnyValue) } };
  const entries = Object.entries(value as { readonly [key: string]: AttributeValue });
  return { kvlistValue: { values: entries.map(([key, entry]) => ({ key, value: inferredAnyValue(entry) })) } };
}

function stringifyValue(value: AttributeValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
