/**
 * OTLP/JSON (the protobuf JSON mapping of ExportTraceServiceRequest / TracesData) → spans.
 *
 * Accepted wrappers: `{resourceSpans}`; Tempo's `{batches}`; Tempo v2's `{trace: {resourceSpans}}`; the
 * Jaeger v2 `/api/v3` body `{result: {resourceSpans}}`. Inside: `scopeSpans` or the pre-1.0
 * `instrumentationLibrarySpans`. Ids may be hex (any case) or base64 (old grpc-gateway); enums may be
 * integers or their names; int64 values are decimal text.
 */
import { normalizeSpanId, normalizeTraceId } from './ids';
import type { Attribute, InstrumentationScope, SpanEvent, SpanId, SpanKind, SpanReference, StatusCode, TraceId } from './model';
import { readKeyValues } from './otlpValues';
import {
  NO_ATTRIBUTES,
  NO_EVENTS,
  NO_REFERENCES,
  NO_WARNINGS,
  UNKNOWN_SERVICE,
  addTraceWarning,
  type MutableSpan,
  type ParsedSpans,
} from './parsedSpans';
import {
  isRecord,
  optionalArray,
  optionalInteger,
  optionalRecord,
  optionalString,
  requireNonEmptyString,
  requireRecord,
  type JsonRecord,
} from './readFields';
import { ShapeError, describeValue, rethrowWithin } from './shapeError';
import { TIME_ABSENT, TIME_NOT_A_NUMBER, nanosToUs } from './time';

/** The array of ResourceSpans of an OTLP document, with the key path it was found at; undefined if not OTLP. */
export function findResourceSpans(value: unknown): { readonly path: readonly string[]; readonly list: unknown } | undefined {
  if (!isRecord(value)) return undefined;
  if ('resourceSpans' in value) return { path: ['resourceSpans'], list: value.resourceSpans };
  if ('batches' in value) return { path: ['batches'], list: value.batches };
  for (const wrapper of ['result', 'trace']) {
    const inner = value[wrapper];
    if (isRecord(inner) && 'resourceSpans' in inner) return { path: [wrapper, 'resourceSpans'], list: inner.resourceSpans };
  }
  return undefined;
}

/** Reads one OTLP document into `parsed`. Throws ShapeError with the JSON path when it is not OTLP after all. */
export function readOtlpDocument(value: unknown, parsed: ParsedSpans): void {
  const found = findResourceSpans(value);
  if (found === undefined) throw new ShapeError('', 'has no resourceSpans');
  const { path, list } = found;
  if (list === null || list === undefined) return;
  if (!Array.isArray(list)) throw new ShapeError(path.join('.'), `is not an array: ${describeValue(list)}`);
  for (let i = 0; i < list.length; i++) {
    try {
      readResourceSpans(requireRecord(list[i], ''), parsed);
    } catch (error) {
      rethrowWithin(error, ...path, i);
    }
  }
}

interface Resource {
  readonly service: string;
  readonly attributes: readonly Attribute[];
}

function readResource(resourceSpans: JsonRecord): Resource {
  let attributes: readonly Attribute[];
  try {
    const resource = optionalRecord(resourceSpans, 'resource');
    attributes = resource === undefined ? NO_ATTRIBUTES : readKeyValues(optionalArray(resource, 'attributes'));
  } catch (error) {
    rethrowWithin(error, 'resource', 'attributes');
  }
  for (const attribute of attributes) {
    if (attribute.key === 'service.name' && typeof attribute.value === 'string' && attribute.value !== '') {
      return { service: attribute.value, attributes };
    }
  }
  return { service: '', attributes };
}

function readResourceSpans(resourceSpans: JsonRecord, parsed: ParsedSpans): void {
  const resource = readResource(resourceSpans);
  const legacy = !('scopeSpans' in resourceSpans) && 'instrumentationLibrarySpans' in resourceSpans;
  const listKey = legacy ? 'instrumentationLibrarySpans' : 'scopeSpans';
  const scopeKey = legacy ? 'instrumentationLibrary' : 'scope';
  const scopeSpansList = optionalArray(resourceSpans, listKey) ?? [];
  for (let i = 0; i < scopeSpansList.length; i++) {
    try {
      const scopeSpans = requireRecord(scopeSpansList[i], '');
      const scope = readScope(scopeSpans, scopeKey);
      const spans = optionalArray(scopeSpans, 'spans') ?? [];
      for (let k = 0; k < spans.length; k++) {
        try {
          const span = readSpan(requireRecord(spans[k], ''), resource, scope);
          if (resource.service === '') {
            addTraceWarning(parsed, span.traceId, `a resource has no service.name attribute; its spans are shown as ${UNKNOWN_SERVICE}`);
          }
          parsed.spans.push(span);
        } catch (error) {
          rethrowWithin(error, 'spans', k);
        }
      }
    } catch (error) {
      rethrowWithin(error, listKey, i);
    }
  }
}

function readScope(scopeSpans: JsonRecord, key: string): InstrumentationScope | undefined {
  try {
    const scope = optionalRecord(scopeSpans, key);
    if (scope === undefined) return undefined;
    const name = optionalString(scope, 'name') ?? '';
    const version = optionalString(scope, 'version');
    const attributes = readKeyValues(optionalArray(scope, 'attributes'));
    if (name === '' && version === undefined && attributes.length === 0) return undefined;
    return version === undefined ? { name, attributes } : { name, version, attributes };
  } catch (error) {
    rethrowWithin(error, key);
  }
}

const KINDS: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const KIND_NAMES: { readonly [name: string]: SpanKind } = {
  SPAN_KIND_UNSPECIFIED: 'unspecified',
  SPAN_KIND_INTERNAL: 'internal',
  SPAN_KIND_SERVER: 'server',
  SPAN_KIND_CLIENT: 'client',
  SPAN_KIND_PRODUCER: 'producer',
  SPAN_KIND_CONSUMER: 'consumer',
};

function readKind(raw: unknown): SpanKind {
  if (raw === undefined || raw === null) return 'unspecified';
  const kind = typeof raw === 'number' ? KINDS[raw] : typeof raw === 'string' ? KIND_NAMES[raw] : undefined;
  if (kind === undefined) throw new ShapeError('kind', `is not a span kind (0-5 or SPAN_KIND_*): ${describeValue(raw)}`);
  return kind;
}

const STATUS_CODES: readonly StatusCode[] = ['unset', 'ok', 'error'];
const STATUS_NAMES: { readonly [name: string]: StatusCode } = {
  STATUS_CODE_UNSET: 'unset',
  STATUS_CODE_OK: 'ok',
  STATUS_CODE_ERROR: 'error',
};

function readStatus(span: JsonRecord): MutableSpan['status'] {
  const status = optionalRecord(span, 'status');
  if (status === undefined) return UNSET;
  const raw = status.code;
  const code = raw === undefined || raw === null ? 'unset' : typeof raw === 'number' ? STATUS_CODES[raw] : typeof raw === 'string' ? STATUS_NAMES[raw] : undefined;
  if (code === undefined) throw new ShapeError('status.code', `is not a status code (0-2 or STATUS_CODE_*): ${describeValue(raw)}`);
  const message = optionalString(status, 'message');
  return message === undefined || message === '' ? (code === 'unset' ? UNSET : { code }) : { code, message };
}

const UNSET = { code: 'unset' } as const;

/** Microseconds, TIME_ABSENT or TIME_OUT_OF_RANGE (kept with a warning); text that is no number fails. */
function readTime(span: JsonRecord, key: string): number {
  const time = nanosToUs(span[key]);
  if (time === TIME_NOT_A_NUMBER) throw new ShapeError(key, `is not a time in nanoseconds: ${describeValue(span[key])}`);
  return time;
}

function readSpan(span: JsonRecord, resource: Resource, scope: InstrumentationScope | undefined): MutableSpan {
  const traceId = normalizeTraceId(requireNonEmptyString(span, 'traceId'));
  const spanId = normalizeSpanId(requireNonEmptyString(span, 'spanId'));
  let warnings: string[] | undefined;

  const name = optionalString(span, 'name');
  if (name === undefined) (warnings ??= []).push('name is missing');

  const start = readTime(span, 'startTimeUnixNano');
  const end = readTime(span, 'endTimeUnixNano');
  let startUs = 0;
  let durationUs = 0;
  if (start === TIME_ABSENT) (warnings ??= []).push('startTimeUnixNano is missing; shown at 0');
  else if (start < 0) (warnings ??= []).push(`startTimeUnixNano ${String(span.startTimeUnixNano)} is out of range (an unset Go time?); shown at 0`);
  else startUs = start;
  if (end === TIME_ABSENT) (warnings ??= []).push('endTimeUnixNano is missing; duration shown as 0');
  else if (end < 0) (warnings ??= []).push(`endTimeUnixNano ${String(span.endTimeUnixNano)} is out of range; duration shown as 0`);
  else if (start >= 0) {
    // Both ends truncated to µs, then subtracted, so the bar ends exactly at the span's end microsecond.
    if (end >= start) durationUs = end - start;
    else (warnings ??= []).push('endTimeUnixNano is before startTimeUnixNano; duration shown as 0');
  }

  let attributes: readonly Attribute[];
  try {
    attributes = readKeyValues(optionalArray(span, 'attributes'));
  } catch (error) {
    rethrowWithin(error, 'attributes');
  }

  const parent = optionalString(span, 'parentSpanId');
  const parentSpanId = parent === undefined || parent === '' ? undefined : normalizeSpanId(parent);
  // The model lists every reference, the parent edge (first) included.
  const references = readLinks(span, traceId, parentSpanId);

  const result: MutableSpan = {
    traceId,
    spanId,
    references,
    service: resource.service === '' ? UNKNOWN_SERVICE : resource.service,
    operation: name ?? '',
    kind: readKind(span.kind),
    startUs,
    durationUs,
    status: readStatus(span),
    attributes,
    resource: resource.attributes,
    events: readEvents(span),
    warnings: warnings ?? NO_WARNINGS,
  };
  if (parentSpanId !== undefined) result.parentSpanId = parentSpanId;
  if (scope !== undefined) result.scope = scope;
  const traceState = optionalString(span, 'traceState');
  if (traceState !== undefined && traceState !== '') result.traceState = traceState;
  const flags = optionalInteger(span, 'flags');
  if (flags !== undefined) result.flags = flags;
  return result;
}

function readEvents(span: JsonRecord): readonly SpanEvent[] {
  const list = optionalArray(span, 'events');
  if (list === undefined || list.length === 0) return NO_EVENTS;
  const events = new Array<SpanEvent>(list.length);
  for (let i = 0; i < list.length; i++) {
    try {
      const event = requireRecord(list[i], '');
      const time = readTime(event, 'timeUnixNano');
      let attributes: readonly Attribute[];
      try {
        attributes = readKeyValues(optionalArray(event, 'attributes'));
      } catch (error) {
        rethrowWithin(error, 'attributes');
      }
      events[i] = { timeUs: time >= 0 ? time : 0, name: optionalString(event, 'name') ?? '', attributes };
    } catch (error) {
      rethrowWithin(error, 'events', i);
    }
  }
  return events;
}

function readLinks(span: JsonRecord, traceId: TraceId, parentSpanId: SpanId | undefined): readonly SpanReference[] {
  const list = optionalArray(span, 'links');
  const parentEdge = parentSpanId === undefined ? 0 : 1;
  if ((list === undefined || list.length === 0) && parentEdge === 0) return NO_REFERENCES;
  const references = new Array<SpanReference>((list?.length ?? 0) + parentEdge);
  if (parentSpanId !== undefined) references[0] = { type: 'child-of', traceId, spanId: parentSpanId, attributes: NO_ATTRIBUTES };
  if (list === undefined) return references;
  for (let i = 0; i < list.length; i++) {
    try {
      const link = requireRecord(list[i], '');
      const linkTrace = optionalString(link, 'traceId');
      let attributes: readonly Attribute[];
      try {
        attributes = readKeyValues(optionalArray(link, 'attributes'));
      } catch (error) {
        rethrowWithin(error, 'attributes');
      }
      references[i + parentEdge] = {
        type: 'link',
        traceId: linkTrace === undefined || linkTrace === '' ? traceId : normalizeTraceId(linkTrace),
        spanId: normalizeSpanId(requireNonEmptyString(link, 'spanId')),
        attributes,
      };
    } catch (error) {
      rethrowWithin(error, 'links', i);
    }
  }
  return references;
}
