/**
 * Model → Zipkin v2 JSON (`POST /api/v2/spans`, `GET /api/v2/trace/{id}`): a flat array of spans.
 *
 * Zipkin v2 is the poorest of the three formats, so this writer follows the OpenTelemetry → Zipkin
 * exporter rules for what does not fit: tag values are strings; status goes to `otel.status_code` and
 * `error` tags; the scope to `otel.scope.name` / `otel.scope.version`; `internal`/`unspecified` kinds have
 * no Zipkin kind and are omitted. Resource attributes (other than the service name), event attributes,
 * links and span flags have no Zipkin slot and are dropped.
 *
 * A span marked `sharedServerHalf` is written with `shared: true` and its (the client's) span id, which is
 * how Zipkin's B3 single-span RPCs look on the wire.
 *
 * Pure: returns plain objects for `JSON.stringify`; no I/O.
 */
import type { Attribute, Span, SpanKind, Trace } from './model';

export interface ZipkinSpan {
  readonly traceId: string;
  readonly id: string;
  readonly parentId?: string;
  readonly name: string;
  readonly kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  /** Microseconds since the Unix epoch. */
  readonly timestamp: number;
  /** Microseconds. */
  readonly duration: number;
  readonly localEndpoint: { readonly serviceName: string };
  readonly annotations?: readonly { readonly timestamp: number; readonly value: string }[];
  readonly tags?: { readonly [key: string]: string };
  readonly shared?: true;
}

const ZIPKIN_KINDS: { readonly [K in SpanKind]: ZipkinSpan['kind'] } = {
  unspecified: undefined,
  internal: undefined,
  server: 'SERVER',
  client: 'CLIENT',
  producer: 'PRODUCER',
  consumer: 'CONSUMER',
};

/** Writes every span of every trace into one Zipkin v2 span array, in order. */
export function toZipkinJson(traces: readonly Trace[]): ZipkinSpan[] {
  const spans: ZipkinSpan[] = [];
  for (const trace of traces) for (const span of trace.spans) spans.push(toZipkinSpan(span));
  return spans;
}

function toZipkinSpan(span: Span): ZipkinSpan {
  const kind = ZIPKIN_KINDS[span.kind];
  const tags = zipkinTags(span);
  // Fields in the order Zipkin itself writes them, so converted files read like the real thing.
  return {
    traceId: span.traceId,
    ...(span.parentSpanId === undefined ? {} : { parentId: span.parentSpanId }),
    id: span.spanId,
    ...(kind === undefined ? {} : { kind }),
    name: span.operation,
    timestamp: span.startUs,
    duration: span.durationUs,
    localEndpoint: { serviceName: span.service },
    ...(span.events.length === 0 ? {} : { annotations: span.events.map((event) => ({ timestamp: event.timeUs, value: event.name })) }),
    ...(Object.keys(tags).length === 0 ? {} : { tags }),
    ...(span.sharedServerHalf === true ? { shared: true as const } : {}),
  };
}

function zipkinTags(span: Span): { [key: string]: string } {
  const tags: { [key: string]: string } = {};
  for (const attribute of span.attributes) tags[attribute.key] = zipkinTagValue(attribute);
  const setIfAbsent = (key: string, value: string): void => {
    if (!(key in tags)) tags[key] = value;
  };
  if (span.status.code !== 'unset') setIfAbsent('otel.status_code', span.status.code.toUpperCase());
  // Zipkin marks an error by the presence of the `error` tag; its value is the message, possibly empty.
  if (span.status.code === 'error') setIfAbsent('error', span.status.message ?? '');
  if (span.scope !== undefined && span.scope.name !== '') {
    setIfAbsent('otel.scope.name', span.scope.name);
    if (span.scope.version !== undefined) setIfAbsent('otel.scope.version', span.scope.version);
  }
  return tags;
}

/** Zipkin tags are strings: scalars by their JSON spelling without quotes, arrays and maps as JSON text. */
export function zipkinTagValue(attribute: Attribute): string {
  const value = attribute.value;
  if (typeof value === 'string') return value;
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
