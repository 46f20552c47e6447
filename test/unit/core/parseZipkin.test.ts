import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTraceTree } from '../../../src/core/buildTree';
import { parseTraceText } from '../../../src/core/parseTrace';
import { attributeMap, expectFailure, expectSpans, expectTraces, spanById } from './helpers';

const T = 'ef86c83c0a05a6d6';
const T32 = '0000000000000000ef86c83c0a05a6d6';

/**
 *   gateway  get /           [aa] SERVER   0 ───────────────── 1000
 *   └─ gateway  get          [bb] CLIENT     100 ────────── 800        client half of bb
 *      └─ content  get /c    [bb] SERVER       150 ─────── 750         server half, shared: true
 *         └─ content  query  [cc] CLIENT         200 ─ 300  (error tag, remoteEndpoint mysql)
 */
function drawnTrace(): Record<string, unknown>[] {
  const base = 1_531_282_088_533_000;
  const gateway = { serviceName: 'gateway', ipv4: '10.0.0.1' };
  const content = { serviceName: 'content', ipv4: '10.0.0.2', port: 8080 };
  return [
    { traceId: T, id: '00000000000000cc', parentId: '00000000000000bb', kind: 'CLIENT', name: 'query', timestamp: base + 200, duration: 100, localEndpoint: content, remoteEndpoint: { serviceName: 'mysql', ipv4: '10.0.0.9', port: 3306 }, tags: { error: 'connection reset', 'sql.query': 'select 1' } },
    { traceId: T, id: '00000000000000bb', parentId: '00000000000000aa', kind: 'SERVER', name: 'get /c', timestamp: base + 150, duration: 600, localEndpoint: content, shared: true },
    { traceId: T, id: '00000000000000bb', parentId: '00000000000000aa', kind: 'CLIENT', name: 'get', timestamp: base + 100, duration: 700, localEndpoint: gateway, annotations: [{ timestamp: base + 110, value: 'ws' }] },
    { traceId: T, id: '00000000000000aa', kind: 'SERVER', name: 'get /', timestamp: base, duration: 1000, localEndpoint: gateway },
  ];
}

describe('Zipkin v2 JSON', () => {
  test('spans: service from localEndpoint, kinds, 64-bit trace id padded', () => {
    const spans = expectSpans(parseTraceText(JSON.stringify(drawnTrace())));
    assert.deepEqual(
      spans.map((s) => [s.traceId, s.spanId, s.service, s.kind, s.operation, s.sharedServerHalf]),
      [
        [T32, '00000000000000cc', 'content', 'client', 'query', undefined],
        [T32, '00000000000000bb', 'content', 'server', 'get /c', true],
        [T32, '00000000000000bb', 'gateway', 'client', 'get', undefined],
        [T32, '00000000000000aa', 'gateway', 'server', 'get /', undefined],
      ],
    );
  });

  test('the error tag sets the error status with its message; remoteEndpoint becomes attributes', () => {
    const spans = expectSpans(parseTraceText(JSON.stringify(drawnTrace())));
    const query = spans[0]!;
    assert.deepEqual(query.status, { code: 'error', message: 'connection reset' });
    assert.deepEqual(attributeMap(query.attributes), {
      error: 'connection reset',
      'sql.query': 'select 1',
      'peer.service': 'mysql',
      'net.peer.ip': '10.0.0.9',
      'net.peer.port': 3306,
    });
    assert.deepEqual(attributeMap(query.resource), { 'service.name': 'content', 'net.host.ip': '10.0.0.2', 'net.host.port': 8080 });
    assert.deepEqual(spans[2]!.events, [{ timeUs: 1_531_282_088_533_110, name: 'ws', attributes: [] }]);
  });

  test("OpenTelemetry's Zipkin exporter tags: otel.status_code OK / ERROR and otel.status_description", () => {
    const spans = [
      { traceId: T, id: '01', timestamp: 1, duration: 1, tags: { 'otel.status_code': 'ERROR', 'otel.status_description': 'boom' } },
      { traceId: T, id: '02', timestamp: 1, duration: 1, tags: { 'otel.status_code': 'OK' } },
      { traceId: T, id: '03', timestamp: 1, duration: 1, tags: { 'http.method': 'GET' } },
      // The error tag wins over a contradictory OK.
      { traceId: T, id: '04', timestamp: 1, duration: 1, tags: { 'otel.status_code': 'OK', error: 'timeout' } },
    ];
    assert.deepEqual(expectSpans(parseTraceText(JSON.stringify(spans))).map((s) => s.status), [
      { code: 'error', message: 'boom' },
      { code: 'ok' },
      { code: 'unset' },
      { code: 'error', message: 'timeout' },
    ]);
  });

  test('the shared server half sits directly under its client half; the pair is not a duplicate', () => {
    const traces = expectTraces(parseTraceText(JSON.stringify(drawnTrace())));
    const tree = buildTraceTree(traces[0]!);
    // Indices: 0 query, 1 server half, 2 client half, 3 root.
    assert.deepEqual(tree.roots, [3]);
    assert.deepEqual(tree.children[3], [2]);
    assert.deepEqual(tree.children[2], [1], 'server half under client half');
    assert.deepEqual(tree.children[1], [0], 'the query ran in the server process');
    assert.deepEqual(tree.warnings.filter((w) => w.code === 'duplicate-span-id'), []);
  });

  test('a list of traces (/api/v2/traces) is grouped by trace id', () => {
    const other = drawnTrace().map((s) => ({ ...s, traceId: '5aab74dbb904746bb33447baae403ed6' }));
    const traces = expectTraces(parseTraceText(JSON.stringify([drawnTrace(), other])));
    assert.deepEqual(traces.map((t) => [t.traceId, t.spans.length]), [[T32, 4], ['5aab74dbb904746bb33447baae403ed6', 4]]);
  });

  test('missing timestamp/duration: kept, derived from annotations or the parent, with warnings', () => {
    const spans = drawnTrace();
    delete spans[0]!.timestamp; // no annotations: placed at its parent's (the server half's) start
    delete spans[0]!.duration;
    delete spans[2]!.timestamp; // has an annotation at +110
    delete spans[2]!.duration;
    const parsed = expectSpans(parseTraceText(JSON.stringify(spans)));
    const query = spanById(parsed, '00000000000000cc');
    assert.equal(query.startUs, 1_531_282_088_533_150);
    assert.equal(query.durationUs, 0);
    assert.deepEqual(query.warnings, ['timestamp is missing; shown at the start of its parent', 'duration is missing; shown as 0']);
    const client = parsed[2]!;
    assert.equal(client.startUs, 1_531_282_088_533_110);
    assert.deepEqual(client.warnings, ['timestamp is missing; taken from the first annotation', 'duration is missing; shown as 0']);
  });

  test('a span without localEndpoint.serviceName is kept as unknown_service with a warning', () => {
    const [span] = expectSpans(parseTraceText('[{"traceId":"978883983d506fa5","id":"978883983d506fa5","kind":"SERVER","timestamp":1,"duration":2,"shared":true}]'));
    assert.equal(span!.service, 'unknown_service');
    assert.equal(span!.warnings.length, 1);
  });

  test('a missing id fails with its path, inside a list of traces too', () => {
    const failure = expectFailure(parseTraceText(JSON.stringify([[{ traceId: T, id: '01' }, { traceId: T }]])));
    assert.equal(failure.format, 'zipkin');
    assert.equal(failure.message, 'Zipkin v2 JSON: [0][1].id is missing');
  });
});
