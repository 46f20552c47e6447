/**
 * Zipkin v2 JSON → spans: an array of spans (one trace, as `/api/v2/trace/{id}` returns) or an array of
 * such arrays (`/api/v2/traces`).
 *
 * Zipkin quirks handled here: RPC client and server often share one span id, the server half marked
 * `shared: true` (kept as two spans; see {@link Span.sharedServerHalf}); `timestamp`/`duration` may be
 * absent (e.g. a span whose other half was never reported), so they are derived from annotations or the
 * parent, with a warning; tags are all strings, `error` marking a failed span.
 */
import { AttributeInterner } from './attributeValues';
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
  const context: ReadContext = {
    needsTime,
    resources: { byService: new Map(), last: undefined, lastResource: undefined },
    interner: new AttributeInterner(),
  };
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (Array.isArray(item)) {
      for (let k = 0; k < item.length; k++) {
        try {
          parsed.spans.push(readSpan(requireRecord(item[k], ''), context));
        } catch (error) {
          rethrowWithin(error, i, k);
        }
      }
    } else {
      try {
        parsed.spans.push(readSpan(requireRecord(item, ''), context));
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
  /** By service name, then the other endpoint fields compared one by one (a service rarely has many). */
  readonly byService: Map<string, CachedResource[]>;
  /** The last endpoint seen: consecutive spans often come from the same process. */
  last: Endpoint | undefined;
  lastResource: readonly Attribute[] | undefined;
}

interface CachedResource {
  readonly endpoint: Endpoint | undefined;
  readonly resource: readonly Attribute[];
}

/** What every span of one parse shares. */
interface ReadContext {
  /** Spans missing a timestamp or duration, completed once all spans are read. */
  readonly needsTime: MutableSpan[];
  readonly resources: ResourceCache;
  readonly interner: AttributeInterner;
}

const UNSET_STATUS = { code: 'unset' } as const;
const ERROR_STATUS = { code: 'error' } as const;
const OK_STATUS = { code: 'ok' } as const;

function readSpan(span: JsonRecord, context: ReadContext): MutableSpan {
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
  const remote = readEndpoint(span, 'remoteEndpoint');
  const attributes = readTags(tags, remote, context.interner);

  const parent = optionalString(span, 'parentId');
  const operation = optionalString(span, 'name') ?? '';
  const status = statusOf(tags);
  const resource = resourceOf(local, context.resources);
  const events = readAnnotations(span);
  const shownService = service === undefined || service === '' ? UNKNOWN_SERVICE : service;
  const startUs = timestamp >= 0 ? timestamp : 0;
  const durationUs = duration >= 0 ? duration : 0;
  // Two literals rather than adding parentSpanId afterwards: a property added later lives outside the
  // object (one more allocation per span, one more indirection on every read by the tree builder).
  let result: MutableSpan;
  if (parent !== undefined && parent !== '') {
    const parentSpanId = normalizeSpanId(parent);
    const references = [{ type: 'child-of' as const, traceId, spanId: parentSpanId, attributes: NO_ATTRIBUTES }];
    result = {
      traceId, spanId, parentSpanId, references, service: shownService, operation, kind,
      startUs, durationUs, status, attributes, resource, events, warnings,
    };
  } else {
    result = {
      traceId, spanId, references: NO_REFERENCES, service: shownService, operation, kind,
      startUs, durationUs, status, attributes, resource, events, warnings,
    };
  }
  if (span.shared === true && kind === 'server') result.sharedServerHalf = true;
  if (timestamp === TIME_ABSENT || duration === TIME_ABSENT) {
    fillFromAnnotations(result, timestamp === TIME_ABSENT, duration === TIME_ABSENT);
    context.needsTime.push(result);
  }
  return result;
}

/**
 * Zipkin marks a failed span by the presence of an `error` tag, its value the message ("" is allowed);
 * OpenTelemetry's Zipkin exporter adds `otel.status_code` ("OK" or "ERROR") and `otel.status_description`.
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
  // The exporter spec writes `OK` for an explicitly successful span (never with a description).
  return otelCode === 'OK' ? OK_STATUS : UNSET_STATUS;
}

function resourceOf(local: Endpoint | undefined, cache: ResourceCache): readonly Attribute[] {
  if (cache.lastResource !== undefined && sameEndpoint(local, cache.last)) return cache.lastResource;
  const service = local?.serviceName ?? '';
  let known = cache.byService.get(service);
  if (known === undefined) cache.byService.set(service, (known = []));
  let resource: readonly Attribute[] | undefined;
  for (const entry of known) {
    if (sameEndpoint(local, entry.endpoint)) {
      resource = entry.resource;
      break;
    }
  }
  if (resource === undefined) {
    const list: Attribute[] = [{ key: 'service.name', type: 'string', value: local?.serviceName || UNKNOWN_SERVICE }];
    // Made once per distinct endpoint: nothing to share its attributes with.
    if (local !== undefined) addEndpointAttributes(list, 1, local, 'host', new AttributeInterner());
    resource = list;
    known.push({ endpoint: local, resource });
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

/** OpenTelemetry's (older, widely known) names for endpoint fields, by side. */
const ENDPOINT_KEYS = {
  peer: { ip: 'net.peer.ip', ipv6: 'net.peer.ipv6', port: 'net.peer.port' },
  host: { ip: 'net.host.ip', ipv6: 'net.host.ipv6', port: 'net.host.port' },
} as const;

/** How many attributes {@link addEndpointAttributes} writes for this endpoint. */
function endpointAttributeCount(endpoint: Endpoint, side: 'peer' | 'host'): number {
  return (
    (side === 'peer' && typeof endpoint.serviceName === 'string' && endpoint.serviceName !== '' ? 1 : 0) +
    (typeof endpoint.ipv4 === 'string' ? 1 : 0) +
    (typeof endpoint.ipv6 === 'string' ? 1 : 0) +
    (typeof endpoint.port === 'number' ? 1 : 0)
  );
}

/** Writes endpoint fields as `peer.service`, `net.peer.ip`, … from `target[at]` on; returns the next free index. */
function addEndpointAttributes(target: Attribute[], at: number, endpoint: Endpoint, side: 'peer' | 'host', interner: AttributeInterner): number {
  const keys = ENDPOINT_KEYS[side];
  if (side === 'peer' && typeof endpoint.serviceName === 'string' && endpoint.serviceName !== '') {
    target[at++] = interner.get('peer.service', 'string', endpoint.serviceName);
  }
  if (typeof endpoint.ipv4 === 'string') target[at++] = interner.get(keys.ip, 'string', endpoint.ipv4);
  if (typeof endpoint.ipv6 === 'string') target[at++] = interner.get(keys.ipv6, 'string', endpoint.ipv6);
  if (typeof endpoint.port === 'number') target[at++] = interner.get(keys.port, 'int', endpoint.port);
  return at;
}

/**
 * Tags are a string → string object; every tag stays an attribute (`error` included), followed by the
 * remote endpoint's fields. The list is allocated at its final size (no regrowth while filling it).
 */
function readTags(tags: JsonRecord | undefined, remote: Endpoint | undefined, interner: AttributeInterner): Attribute[] {
  let count = remote === undefined ? 0 : endpointAttributeCount(remote, 'peer');
  if (tags !== undefined) for (const _ in tags) count++;
  if (count === 0) return [];
  const attributes = new Array<Attribute>(count);
  let at = 0;
  if (tags !== undefined) {
    for (const key in tags) {
      const value = tags[key];
      // Zipkin requires string values; tolerate numbers and booleans from lax instrumentation.
      if (typeof value === 'string') attributes[at++] = interner.get(key, 'string', value);
      else if (typeof value === 'number' || typeof value === 'boolean') attributes[at++] = interner.get(key, 'string', String(value));
      else throw new ShapeError(`tags.${key}`, `is not a string: ${describeValue(value)}`);
    }
  }
  if (remote !== undefined) addEndpointAttributes(attributes, at, remote, 'peer', interner);
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
      events[i] = { timeUs: time, name: optionalString(annotation, 'value') ?? '', attributes: NO_ATTRIBUTES };
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
