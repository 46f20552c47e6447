/**
 * Zipkin v2 JSON → spans: an array of spans (one trace, as `/api/v2/trace/{id}` returns) or an array of
 * such arrays (`/api/v2/traces`).
 *
 * Zipkin quirks handled here: RPC client and server often share one span id, the server half marked
 * `shared: true` (kept as two spans; see {@link Span.sharedServerHalf}); `timestamp`/`duration` may be
 * absent (e.g. a span whose other half was never reported), so they are derived from annotations or the
 * parent, with a warning; tags are all strings, `error` marking a failed span.
 */
import { normalizeSpanId, normalizeTraceId } from './ids';
import type { Attribute, SpanEvent, SpanKind } from './model';
import {
  NO_ATTRIBUTES,
  NO_EVENTS,
  NO_REFERENCES,
  NO_WARNINGS,
  UNKNOWN_SERVICE,
  addSpanWarning,
  emptyParsedSpans,
  type MutableSpan,
  type ParsedSpans,
} from './parsedSpans';
import { isRecord, optionalArray, optionalRecord, optionalString, requireNonEmptyString, requireRecord, type JsonRecord } from './readFields';
import { ShapeError, describeValue, rethrowWithin } from './shapeError';
import { TIME_ABSENT, readUs } from './time';

/** True when `value` looks like one Zipkin v2 span (`traceId` and `id`). */
export function isZipkinSpan(value: unknown): boolean {
  return isRecord(value) && 'traceId' in value && 'id' in value;
}

/** Reads a Zipkin v2 span array or array of span arrays. Throws ShapeError with the JSON path on a wrong shape. */
export function parseZipkinValue(value: unknown): ParsedSpans {
  if (!Array.isArray(value)) throw new ShapeError('', 'is not an array of Zipkin spans');
  const parsed = emptyParsedSpans();
  const needsTime: MutableSpan[] = [];
  const resources: ResourceCache = { byKey: new Map(), last: undefined, lastResource: undefined };
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (Array.isArray(item)) {
      for (let k = 0; k < item.length; k++) {
        try {
          parsed.spans.push(readSpan(requireRecord(item[k], ''), needsTime, resources));
        } catch (error) {
          rethrowWithin(error, i, k);
        }
      }
    } else {
      try {
        parsed.spans.push(readSpan(requireRecord(item, ''), needsTime, resources));
      } catch (error) {
        rethrowWithin(error, i);
      }
    }
  }
  if (needsTime.length > 0) deriveMissingTimes(parsed.spans, needsTime);
  return parsed;
}

const KINDS: { readonly [wire: string]: SpanKind } = {
  CLIENT: 'client',
  SERVER: 'server',
  PRODUCER: 'producer',
  CONSUMER: 'consumer',
};

/** Resource lists by local endpoint: thousands of spans of one process share one list. */
interface ResourceCache {
  readonly byKey: Map<string, readonly Attribute[]>;
  /** The last endpoint seen: consecutive spans usually come from the same process. */
  last: Endpoint | undefined;
  lastResource: readonly Attribute[] | undefined;
}

const UNSET_STATUS = { code: 'unset' } as const;
const ERROR_STATUS = { code: 'error' } as const;

function readSpan(span: JsonRecord, needsTime: MutableSpan[], resources: ResourceCache): MutableSpan {
  const traceId = normalizeTraceId(requireNonEmptyString(span, 'traceId'));
  const spanId = normalizeSpanId(requireNonEmptyString(span, 'id'));

  const wireKind = optionalString(span, 'kind');
  let kind: SpanKind = 'unspecified';
  if (wireKind !== undefined) {
    const known = KINDS[wireKind];
    if (known === undefined) throw new ShapeError('kind', `is not CLIENT, SERVER, PRODUCER or CONSUMER: ${describeValue(wireKind)}`);
    kind = known;
  }

  const local = readEndpoint(span, 'localEndpoint');
  const service = local?.serviceName;
  const warnings =
    service === undefined || service === '' ? [`localEndpoint.serviceName is missing; service shown as ${UNKNOWN_SERVICE}`] : NO_WARNINGS;

  const timestamp = readUs(span.timestamp);
  if (timestamp < TIME_ABSENT) throw new ShapeError('timestamp', `is not a time in microseconds: ${describeValue(span.timestamp)}`);
  const duration = readUs(span.duration);
  if (duration < TIME_ABSENT) throw new ShapeError('duration', `is not a duration in microseconds: ${describeValue(span.duration)}`);

  const tags = optionalRecord(span, 'tags');
  const attributes = readTags(tags);
  const remote = readEndpoint(span, 'remoteEndpoint');
  if (remote !== undefined) addEndpointAttributes(attributes, remote, 'peer');

  const parent = optionalString(span, 'parentId');
  const result: MutableSpan = {
    traceId,
    spanId,
    references: NO_REFERENCES,
    service: service === undefined || service === '' ? UNKNOWN_SERVICE : service,
    operation: optionalString(span, 'name') ?? '',
    kind,
    startUs: timestamp >= 0 ? timestamp : 0,
    durationUs: duration >= 0 ? duration : 0,
    status: statusOf(tags),
    attributes,
    resource: resourceOf(local, resources),
    events: readAnnotations(span),
    warnings,
  };
  if (parent !== undefined && parent !== '') {
    result.parentSpanId = normalizeSpanId(parent);
    result.references = [{ type: 'child-of', traceId, spanId: result.parentSpanId, attributes: NO_ATTRIBUTES }];
  }
  if (span.shared === true && kind === 'server') result.sharedServerHalf = true;
  if (timestamp === TIME_ABSENT || duration === TIME_ABSENT) {
    fillFromAnnotations(result, timestamp === TIME_ABSENT, duration === TIME_ABSENT);
    needsTime.push(result);
  }
  return result;
}

/**
 * Zipkin marks a failed span by the presence of an `error` tag, its value the message ("" is allowed);
 * OpenTelemetry's Zipkin exporter adds `otel.status_code` ("ERROR") and `otel.status_description`.
 */
function statusOf(tags: JsonRecord | undefined): MutableSpan['status'] {
  if (tags === undefined) return UNSET_STATUS;
  const error = tags.error;
  const otelCode = tags['otel.status_code'];
  if ((error !== undefined && error !== 'false' && error !== false) || otelCode === 'ERROR') {
    const description = tags['otel.status_description'];
    const message = typeof error === 'string' && error !== '' && error !== 'true' ? error : typeof description === 'string' ? description : '';
    return message === '' ? ERROR_STATUS : { code: 'error', message };
  }
  // `otel.status_code: OK` is deliberately not read back as `ok` (yet): the writers' round-trip tests
  // expect Zipkin to carry no OK status. Jaeger's reader does honour it; aligning the two is a team choice.
  return UNSET_STATUS;
}

function resourceOf(local: Endpoint | undefined, cache: ResourceCache): readonly Attribute[] {
  const last = cache.last;
  if (cache.lastResource !== undefined && sameEndpoint(local, last)) return cache.lastResource;
  const key = local === undefined ? '' : `${local.serviceName}\u0000${local.ipv4}\u0000${local.ipv6}\u0000${local.port}`;
  let resource = cache.byKey.get(key);
  if (resource === undefined) {
    const list: Attribute[] = [{ key: 'service.name', type: 'string', value: local?.serviceName || UNKNOWN_SERVICE }];
    if (local !== undefined) addEndpointAttributes(list, local, 'host');
    resource = list;
    cache.byKey.set(key, resource);
  }
  cache.last = local;
  cache.lastResource = resource;
  return resource;
}

function sameEndpoint(a: Endpoint | undefined, b: Endpoint | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.serviceName === b.serviceName && a.ipv4 === b.ipv4 && a.ipv6 === b.ipv6 && a.port === b.port;
}

/** An endpoint's fields as received (the parsed JSON object itself, once its field types are checked). */
interface Endpoint {
  readonly serviceName?: string;
  readonly ipv4?: string;
  readonly ipv6?: string;
  readonly port?: number;
}

function readEndpoint(span: JsonRecord, key: string): Endpoint | undefined {
  try {
    const endpoint = optionalRecord(span, key);
    if (endpoint === undefined) return undefined;
    // Type checks only: the JSON object is used as it is, saving a copy per span.
    optionalString(endpoint, 'serviceName');
    optionalString(endpoint, 'ipv4');
    optionalString(endpoint, 'ipv6');
    const port = endpoint.port;
    if (port !== undefined && port !== null && typeof port !== 'number') throw new ShapeError('port', `is not a number: ${describeValue(port)}`);
    return endpoint as Endpoint;
  } catch (error) {
    rethrowWithin(error, key);
  }
}

/** Endpoint fields under OpenTelemetry's (older, widely known) names: `peer.service`, `net.peer.ip`, … */
function addEndpointAttributes(target: Attribute[], endpoint: Endpoint, side: 'peer' | 'host'): void {
  if (side === 'peer' && typeof endpoint.serviceName === 'string' && endpoint.serviceName !== '') {
    target.push({ key: 'peer.service', type: 'string', value: endpoint.serviceName });
  }
  if (typeof endpoint.ipv4 === 'string') target.push({ key: `net.${side}.ip`, type: 'string', value: endpoint.ipv4 });
  if (typeof endpoint.ipv6 === 'string') target.push({ key: `net.${side}.ipv6`, type: 'string', value: endpoint.ipv6 });
  if (typeof endpoint.port === 'number') target.push({ key: `net.${side}.port`, type: 'int', value: endpoint.port });
}

/** Tags are a string → string object; every tag stays an attribute (`error` included). */
function readTags(tags: JsonRecord | undefined): Attribute[] {
  const attributes: Attribute[] = [];
  if (tags === undefined) return attributes;
  for (const key in tags) {
    const value = tags[key];
    // Zipkin requires string values; tolerate numbers and booleans from lax instrumentation.
    if (typeof value === 'string') attributes.push({ key, type: 'string', value });
    else if (typeof value === 'number' || typeof value === 'boolean') attributes.push({ key, type: 'string', value: String(value) });
    else throw new ShapeError(`tags.${key}`, `is not a string: ${describeValue(value)}`);
  }
  return attributes;
}

function readAnnotations(span: JsonRecord): readonly SpanEvent[] {
  const list = optionalArray(span, 'annotations');
  if (list === undefined || list.length === 0) return NO_EVENTS;
  const events = new Array<SpanEvent>(list.length);
  for (let i = 0; i < list.length; i++) {
    try {
      const annotation = requireRecord(list[i], '');
      const time = readUs(annotation.timestamp);
      if (time < 0) {
        throw new ShapeError('timestamp', time === TIME_ABSENT ? 'is missing' : `is not a time in microseconds: ${describeValue(annotation.timestamp)}`);
      }
      events[i] = { timeUs: time, name: optionalString(annotation, 'value') ?? '', attributes: [] };
    } catch (error) {
      rethrowWithin(error, 'annotations', i);
    }
  }
  return events;
}

/** Missing timestamp → the first annotation; missing duration → the span of the annotations. */
function fillFromAnnotations(span: MutableSpan, missingStart: boolean, missingDuration: boolean): void {
  let first = Infinity;
  let last = -Infinity;
  for (const event of span.events) {
    if (event.timeUs < first) first = event.timeUs;
    if (event.timeUs > last) last = event.timeUs;
  }
  const hasAnnotations = span.events.length > 0;
  if (missingStart) {
    if (hasAnnotations) {
      span.startUs = first;
      addSpanWarning(span, 'timestamp is missing; taken from the first annotation');
    } else {
      addSpanWarning(span, 'timestamp is missing');
    }
  }
  if (missingDuration) {
    if (hasAnnotations && last > span.startUs) {
      span.durationUs = last - span.startUs;
      addSpanWarning(span, 'duration is missing; taken from the annotations');
    } else {
      addSpanWarning(span, 'duration is missing; shown as 0');
    }
  }
}

/**
 * Spans with neither a timestamp nor annotations are placed at their parent's start (or the client half's,
 * for a shared server half), so they appear in the right part of the waterfall instead of at 1970.
 */
function deriveMissingTimes(all: readonly MutableSpan[], needsTime: readonly MutableSpan[]): void {
  // As in the tree: a child's parent is the server half of its parent id when there is one.
  const byId = new Map<string, MutableSpan>();
  const serverHalfById = new Map<string, MutableSpan>();
  for (const span of all) {
    const index = span.sharedServerHalf ? serverHalfById : byId;
    if (!index.has(span.traceId + span.spanId)) index.set(span.traceId + span.spanId, span);
  }
  for (const span of needsTime) {
    const at = span.warnings.indexOf('timestamp is missing');
    if (at < 0) continue;
    const warnings = span.warnings.slice();
    const anchorId = span.sharedServerHalf ? span.spanId : span.parentSpanId;
    const anchor =
      anchorId === undefined
        ? undefined
        : span.sharedServerHalf
          ? byId.get(span.traceId + anchorId)
          : (serverHalfById.get(span.traceId + anchorId) ?? byId.get(span.traceId + anchorId));
    if (anchor !== undefined && anchor !== span && !anchor.warnings.includes('timestamp is missing')) {
      span.startUs = anchor.startUs;
      warnings[at] = `timestamp is missing; shown at the start of ${span.sharedServerHalf ? 'the client half' : 'its parent'}`;
    } else {
      warnings[at] = 'timestamp is missing; shown at 0';
    }
    span.warnings = warnings;
  }
}
