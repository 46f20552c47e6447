/** The wire shape each writer produces for the hand-drawn trace in drawnTrace.ts. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTraceText } from '../../../src/core/parseTrace';
import { toJaegerJson } from '../../../src/core/writeJaeger';
import { microsToNanoText, toOtlpJson } from '../../../src/core/writeOtlp';
import { toZipkinJson } from '../../../src/core/writeZipkin';
import { CLIENT, DRAWN_TRACE, DRAWN_ZIPKIN_TRACE, REDIS, ROOT, SHARED_SERVER, T0, TRACE_ID } from './drawnTrace';

describe('toOtlpJson', () => {
  const document = toOtlpJson([DRAWN_TRACE]);

  test('nanoseconds are exact decimal strings built from microseconds, never through a float', () => {
    assert.equal(microsToNanoText(T0), '1700000000123456000');
    assert.equal(microsToNanoText(0), '0');
    // The largest safe microsecond count: its nanoseconds are far past 2^53, yet every digit is kept.
    assert.equal(microsToNanoText(9_007_199_254_740_991), '9007199254740991000');
  });

  test('groups spans by resource and scope, service.name first in the resource', () => {
    assert.equal(document.resourceSpans.length, 2);
    const [web, cart] = document.resourceSpans;
    assert.deepEqual(web?.resource.attributes, [
      { key: 'service.name', value: { stringValue: 'web' } },
      { key: 'host.name', value: { stringValue: 'web-1' } },
    ]);
    assert.deepEqual(web?.scopeSpans.map((s) => [s.scope.name, s.spans.map((span) => span.name)]), [
      ['io.opentelemetry.http', ['GET /cart']],
      ['', ['cart.Get']],
    ]);
    assert.deepEqual(cart?.scopeSpans[0]?.spans.map((span) => span.name), ['redis GET']);
  });

  test('root span: hex ids, int kind and status, typed AnyValues with int64 as strings', () => {
    const root = document.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    assert.deepEqual(root, {
      traceId: TRACE_ID,
      spanId: ROOT.spanId,
      traceState: 'congo=t61rcWkgMzE',
      flags: 1,
      name: 'GET /cart',
      kind: 2,
      startTimeUnixNano: '1700000000123456000',
      endTimeUnixNano: '1700000000133456000',
      attributes: [
        { key: 'http.response.status_code', value: { intValue: '200' } },
        { key: 'sampling.ratio', value: { doubleValue: 0.25 } },
        { key: 'cache.hit', value: { boolValue: false } },
        { key: 'order.sequence', value: { intValue: '9007199254740993' } },
        { key: 'feature.flags', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '2' }, { doubleValue: 2.5 }, { boolValue: true }] } } },
        { key: 'checksum', value: { bytesValue: 'q83vEg==' } },
      ],
      events: [],
      links: [],
      status: { code: 1 },
    });
  });

  test('child span: parentSpanId, error status with message, events and links with attributes', () => {
    const redis = document.resourceSpans[1]?.scopeSpans[0]?.spans[0];
    assert.equal(redis?.parentSpanId, CLIENT.spanId);
    assert.equal(redis?.kind, 3);
    assert.deepEqual(redis?.status, { code: 2, message: 'timeout' });
    assert.deepEqual(redis?.events, [{ timeUnixNano: '1700000000125956000', name: 'retry', attributes: [{ key: 'attempt', value: { intValue: '2' } }] }]);
    assert.deepEqual(redis?.links, [{ traceId: TRACE_ID, spanId: ROOT.spanId, attributes: [{ key: 'why', value: { stringValue: 'batch' } }] }]);
  });

  test('a Jaeger FOLLOWS_FROM reference becomes a link tagged opentracing.ref_type', () => {
    const follows = { ...CLIENT, references: [...CLIENT.references, { type: 'follows-from' as const, traceId: TRACE_ID, spanId: REDIS.spanId, attributes: [] }] };
    const span = toOtlpJson([{ traceId: TRACE_ID, spans: [follows], warnings: [] }]).resourceSpans[0]?.scopeSpans[0]?.spans[0];
    assert.deepEqual(span?.links, [{ traceId: TRACE_ID, spanId: REDIS.spanId, attributes: [{ key: 'opentracing.ref_type', value: { stringValue: 'follows_from' } }] }]);
  });
});

describe('toJaegerJson', () => {
  const document = toJaegerJson([DRAWN_TRACE]);

  test('the query API envelope, one data entry per trace, one process per service', () => {
    assert.deepEqual(Object.keys(document), ['data', 'total', 'limit', 'offset', 'errors']);
    assert.deepEqual([document.total, document.limit, document.offset, document.errors], [0, 0, 0, null]);
    assert.equal(document.data.length, 1);
    const trace = document.data[0]!;
    assert.equal(trace.traceID, TRACE_ID);
    assert.equal(trace.warnings, null);
    assert.deepEqual(trace.processes, {
      p1: { serviceName: 'web', tags: [{ key: 'host.name', type: 'string', value: 'web-1' }] },
      p2: { serviceName: 'cart', tags: [] },
    });
    assert.deepEqual(trace.spans.map((span) => span.processID), ['p1', 'p1', 'p2']);
  });

  test('root span: µs times, typed tags (int64, float64, bool, binary), OTel fields as tags', () => {
    const root = document.data[0]!.spans[0]!;
    assert.deepEqual([root.startTime, root.duration, root.flags, root.references], [T0, 10_000, 1, []]);
    assert.deepEqual(root.tags, [
      { key: 'http.response.status_code', type: 'int64', value: 200 },
      { key: 'sampling.ratio', type: 'float64', value: 0.25 },
      { key: 'cache.hit', type: 'bool', value: false },
      // Past 2^53 a JSON number would round: the exact text is kept.
      { key: 'order.sequence', type: 'int64', value: '9007199254740993' },
      { key: 'feature.flags', type: 'string', value: '["a",2,2.5,true]' },
      { key: 'checksum', type: 'binary', value: 'q83vEg==' },
      { key: 'span.kind', type: 'string', value: 'server' },
      { key: 'otel.status_code', type: 'string', value: 'OK' },
      { key: 'otel.scope.name', type: 'string', value: 'io.opentelemetry.http' },
      { key: 'otel.scope.version', type: 'string', value: '1.2.0' },
      { key: 'w3c.tracestate', type: 'string', value: 'congo=t61rcWkgMzE' },
    ]);
  });

  test('child span: CHILD_OF first, the link as FOLLOWS_FROM, error tags, logs with an event field', () => {
    const redis = document.data[0]!.spans[2]!;
    assert.deepEqual(redis.references, [
      { refType: 'CHILD_OF', traceID: TRACE_ID, spanID: CLIENT.spanId },
      { refType: 'FOLLOWS_FROM', traceID: TRACE_ID, spanID: ROOT.spanId },
    ]);
    assert.deepEqual(redis.tags, [
      { key: 'span.kind', type: 'string', value: 'client' },
      { key: 'otel.status_code', type: 'string', value: 'ERROR' },
      { key: 'error', type: 'bool', value: true },
      { key: 'otel.status_description', type: 'string', value: 'timeout' },
    ]);
    assert.deepEqual(redis.logs, [{ timestamp: T0 + 2_500, fields: [{ key: 'event', type: 'string', value: 'retry' }, { key: 'attempt', type: 'int64', value: 2 }] }]);
  });
});

describe('toZipkinJson', () => {
  const spans = toZipkinJson([DRAWN_ZIPKIN_TRACE]);

  test('a flat span array; the shared server half has shared:true and the client\'s id', () => {
    assert.deepEqual(spans.map((s) => [s.id, s.kind, s.shared]), [
      [ROOT.spanId, 'SERVER', undefined],
      [CLIENT.spanId, 'CLIENT', undefined],
      [CLIENT.spanId, 'SERVER', true],
      [REDIS.spanId, 'CLIENT', undefined],
    ]);
    assert.equal(spans[2]?.localEndpoint.serviceName, 'cart');
    assert.equal(spans[2]?.parentId, ROOT.spanId);
    assert.equal(SHARED_SERVER.spanId, CLIENT.spanId);
  });

  test('tags are strings; status and scope as OTel exporter tags; events as annotations', () => {
    assert.deepEqual(spans[0]?.tags, {
      'http.response.status_code': '200',
      'sampling.ratio': '0.25',
      'cache.hit': 'false',
      'order.sequence': '9007199254740993',
      'feature.flags': '["a",2,2.5,true]',
      checksum: 'q83vEg==',
      'otel.status_code': 'OK',
      'otel.scope.name': 'io.opentelemetry.http',
      'otel.scope.version': '1.2.0',
    });
    assert.deepEqual(spans[3]?.tags, { 'otel.status_code': 'ERROR', error: 'timeout' });
    assert.deepEqual(spans[3]?.annotations, [{ timestamp: T0 + 2_500, value: 'retry' }]);
    assert.deepEqual([spans[3]?.timestamp, spans[3]?.duration], [T0 + 2_000, 1_000]);
  });

  test('the parser puts the shared half back under its client', () => {
    const result = parseTraceText(JSON.stringify(spans));
    assert.ok(result.ok);
    const shared = result.traces[0]?.spans.filter((s) => s.spanId === CLIENT.spanId);
    assert.deepEqual(shared?.map((s) => [s.kind, s.sharedServerHalf === true, s.service]), [['client', false, 'web'], ['server', true, 'cart']]);
  });
});
