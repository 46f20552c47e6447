/**
 * A four-span trace drawn by hand, small enough to check the writers' output field by field.
 *
 *   web  GET /cart            server  [0 ms ─────────────────────── 10 ms]   status ok
 *   └─ web  cart.Get          client    [1 ms ──────────── 8 ms]             (the RPC's client half)
 *      └─ cart cart.Get       server     [1.5 ms ────── 7.5 ms]  SHARED id with its client (Zipkin B3)
 *         └─ cart redis GET   client       [2 ms ─ 3 ms]   status error "timeout", one event
 *
 * Start: 1700000000123456 µs (2023-11-14T22:13:20.123456Z).
 */
import type { Attribute, Span, SpanId, Trace, TraceId } from '../../../src/core/model';

export const TRACE_ID = '0af7651916cd43dd8448eb211c80319c' as TraceId;
export const T0 = 1_700_000_000_123_456;
const id = (text: string): SpanId => text as SpanId;

const webResource: Attribute[] = [{ key: 'service.name', type: 'string', value: 'web' }, { key: 'host.name', type: 'string', value: 'web-1' }];
const cartResource: Attribute[] = [{ key: 'service.name', type: 'string', value: 'cart' }];

const base = { traceId: TRACE_ID, events: [], warnings: [], attributes: [] } as const;

export const ROOT: Span = {
  ...base, spanId: id('00f067aa0ba902b7'), references: [], service: 'web', operation: 'GET /cart', kind: 'server',
  startUs: T0, durationUs: 10_000, status: { code: 'ok' }, resource: webResource,
  attributes: [
    { key: 'http.response.status_code', type: 'int', value: 200 },
    { key: 'sampling.ratio', type: 'double', value: 0.25 },
    { key: 'cache.hit', type: 'bool', value: false },
    { key: 'order.sequence', type: 'int', value: '9007199254740993' },
    { key: 'feature.flags', type: 'array', value: ['a', 2, 2.5, true] },
    { key: 'checksum', type: 'bytes', value: 'q83vEg==' },
  ],
  scope: { name: 'io.opentelemetry.http', version: '1.2.0', attributes: [] },
  traceState: 'congo=t61rcWkgMzE', flags: 1,
};

const parentRef = (spanId: SpanId) => [{ type: 'child-of' as const, traceId: TRACE_ID, spanId, attributes: [] }];

export const CLIENT: Span = {
  ...base, spanId: id('b7ad6b7169203331'), parentSpanId: ROOT.spanId, references: parentRef(ROOT.spanId), service: 'web',
  operation: 'cart.Get', kind: 'client', startUs: T0 + 1_000, durationUs: 7_000, status: { code: 'unset' }, resource: webResource,
};

export const SHARED_SERVER: Span = {
  ...base, spanId: CLIENT.spanId, parentSpanId: ROOT.spanId, references: parentRef(ROOT.spanId), service: 'cart',
  operation: 'cart.Get', kind: 'server', startUs: T0 + 1_500, durationUs: 6_000, status: { code: 'unset' }, resource: cartResource,
  sharedServerHalf: true,
};

export const REDIS: Span = {
  ...base, spanId: id('5fb397be34d26b51'), parentSpanId: CLIENT.spanId, service: 'cart', operation: 'redis GET', kind: 'client',
  startUs: T0 + 2_000, durationUs: 1_000, status: { code: 'error', message: 'timeout' }, resource: cartResource,
  references: [...parentRef(CLIENT.spanId), { type: 'link', traceId: TRACE_ID, spanId: ROOT.spanId, attributes: [{ key: 'why', type: 'string', value: 'batch' }] }],
  events: [{ timeUs: T0 + 2_500, name: 'retry', attributes: [{ key: 'attempt', type: 'int', value: 2 }] }],
};

/** Without the shared half: what OTLP and Jaeger, which require unique span ids, can carry. */
export const DRAWN_TRACE: Trace = { traceId: TRACE_ID, spans: [ROOT, CLIENT, REDIS], warnings: [] };
/** With the shared server half: the Zipkin shape. */
export const DRAWN_ZIPKIN_TRACE: Trace = { traceId: TRACE_ID, spans: [ROOT, CLIENT, SHARED_SERVER, REDIS], warnings: [] };
