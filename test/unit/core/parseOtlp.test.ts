import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseTraceText } from '../../../src/core/parseTrace';
import { attributeMap, expectFailure, expectSpans, expectTraces } from './helpers';

const T = '5b8efff798038103d269b633813fc60c';

/**
 *   checkout  POST /buy     [01] SERVER  0 ─────────────── 2000 µs
 *   └─ checkout  charge     [02] CLIENT    500 ─── 1500    (event "retry" at 700, link to another trace)
 *      └─ payments  charge  [03] SERVER     600 ─ 1400     (status ERROR "card declined")
 */
function drawnDocument(): Record<string, unknown> {
  const ns = (us: number) => String(1_700_000_000_000_000n * 1000n + BigInt(us) * 1000n + 789n);
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }, { key: 'host.name', value: { stringValue: 'h1' } }] },
        scopeSpans: [
          {
            scope: { name: 'io.opentelemetry.http', version: '1.2.0' },
            spans: [
              { traceId: T, spanId: '0000000000000001', parentSpanId: '', name: 'POST /buy', kind: 2, startTimeUnixNano: ns(0), endTimeUnixNano: ns(2000), status: {} },
              {
                traceId: T,
                spanId: '0000000000000002',
                parentSpanId: '0000000000000001',
                name: 'charge',
                kind: 'SPAN_KIND_CLIENT',
                startTimeUnixNano: ns(500),
                endTimeUnixNano: ns(1500),
                traceState: 'vendor=1',
                flags: 257,
                attributes: [
                  { key: 's', value: { stringValue: 'x' } },
                  { key: 'i', value: { intValue: '42' } },
                  { key: 'big', value: { intValue: '-9223372036854775808' } },
                  { key: 'd', value: { doubleValue: 72.5 } },
                  { key: 'nan', value: { doubleValue: 'NaN' } },
                  { key: 'b', value: { boolValue: true } },
                  { key: 'bytes', value: { bytesValue: 'AAAwOQ==' } },
                  { key: 'arr', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }] } } },
                  { key: 'map', value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: false } }, { key: '__proto__', value: { stringValue: 'safe' } }] } } },
                  { key: 'empty', value: {} },
                ],
                events: [{ timeUnixNano: ns(700), name: 'retry', attributes: [{ key: 'attempt', value: { intValue: 2 } }] }],
                links: [{ traceId: 'AAAAAAAAAJYAAAAAAAAAoA==', spanId: 'AAAAAAAAALQ=', attributes: [{ key: 'opentracing.ref_type', value: { stringValue: 'follows_from' } }] }],
              },
            ],
          },
        ],
      },
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'payments' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: T.toUpperCase(),
                spanId: '0000000000000003',
                parentSpanId: '0000000000000002',
                name: 'charge',
                kind: 'SPAN_KIND_SERVER',
                startTimeUnixNano: ns(600),
                endTimeUnixNano: ns(1400),
                status: { code: 'STATUS_CODE_ERROR', message: 'card declined' },
              },
            ],
          },
        ],
      },
    ],
  };
}

describe('OTLP/JSON', () => {
  test('spans with services from resources, parents, kinds from ints or names, µs truncated exactly', () => {
    const spans = expectSpans(parseTraceText(JSON.stringify(drawnDocument())));
    assert.deepEqual(
      spans.map((s) => [s.spanId, s.service, s.parentSpanId, s.kind, s.startUs - 1_700_000_000_000_000, s.durationUs]),
      [
        ['0000000000000001', 'checkout', undefined, 'server', 0, 2000],
        ['0000000000000002', 'checkout', '0000000000000001', 'client', 500, 1000],
        ['0000000000000003', 'payments', '0000000000000002', 'server', 600, 800],
      ],
    );
    // The uppercase trace id of the third span is the same trace.
    assert.ok(spans.every((s) => s.traceId === T));
  });

  test('every AnyValue kind; int64 beyond 2^53 stays exact text; map keys stay data', () => {
    const spans = expectSpans(parseTraceText(JSON.stringify(drawnDocument())));
    const attributes = spans[1]!.attributes;
    assert.deepEqual(
      attributes.map((a) => a.type),
      ['string', 'int', 'int', 'double', 'double', 'bool', 'bytes', 'array', 'map', 'empty'],
    );
    const values = attributeMap(attributes);
    assert.equal(values.i, 42);
    assert.equal(values.big, '-9223372036854775808');
    assert.ok(Number.isNaN(values.nan));
    assert.deepEqual(values.arr, ['a', 1]);
    const map = values.map as Record<string, unknown>;
    assert.equal(map.k, false);
    assert.equal(Object.getPrototypeOf(map), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(map, '__proto__')?.value, 'safe');
    assert.equal(values.empty, null);
  });

  test('status, events, links (base64 ids decoded), traceState, flags, scope, resource', () => {
    const spans = expectSpans(parseTraceText(JSON.stringify(drawnDocument())));
    const [root, charge, payment] = spans;
    assert.deepEqual(payment!.status, { code: 'error', message: 'card declined' });
    assert.deepEqual(root!.status, { code: 'unset' });
    assert.deepEqual(charge!.events, [{ timeUs: 1_700_000_000_000_700, name: 'retry', attributes: [{ key: 'attempt', type: 'int', value: 2 }] }]);
    assert.deepEqual(
      charge!.references.map((r) => [r.type, r.traceId, r.spanId]),
      [
        ['child-of', T, '0000000000000001'],
        ['link', '000000000000009600000000000000a0', '00000000000000b4'],
      ],
    );
    assert.equal(charge!.traceState, 'vendor=1');
    assert.equal(charge!.flags, 257);
    assert.deepEqual(charge!.scope, { name: 'io.opentelemetry.http', version: '1.2.0', attributes: [] });
    assert.deepEqual(attributeMap(charge!.resource), { 'service.name': 'checkout', 'host.name': 'h1' });
    assert.equal(payment!.scope, undefined);
  });

  test('wrappers: Tempo batches, Jaeger /api/v3 result, legacy instrumentationLibrarySpans', () => {
    const legacy = {
      batches: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'old' } }] },
          instrumentationLibrarySpans: [{ instrumentationLibrary: { name: 'lib' }, spans: [{ traceId: T, spanId: '01', name: 'a', startTimeUnixNano: '5000', endTimeUnixNano: '9000' }] }],
        },
      ],
    };
    const [span] = expectSpans(parseTraceText(JSON.stringify(legacy)));
    assert.deepEqual([span!.service, span!.scope?.name, span!.startUs, span!.durationUs, span!.spanId], ['old', 'lib', 5, 4, '0000000000000001']);
    const v3 = { result: drawnDocument() };
    assert.equal(expectSpans(parseTraceText(JSON.stringify(v3))).length, 3);
  });

  test('a resource without service.name: unknown_service plus a warning', () => {
    const doc = { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans: [{ traceId: T, spanId: '01', name: 'x', startTimeUnixNano: '1000', endTimeUnixNano: '2000' }] }] }] };
    const traces = expectTraces(parseTraceText(JSON.stringify(doc)));
    assert.equal(traces[0]!.spans[0]!.service, 'unknown_service');
    assert.deepEqual(traces[0]!.warnings, ['a resource has no service.name attribute; its spans are shown as unknown_service']);
  });

  test("Go's zero time sent as uint64 is kept at 0 with a warning", () => {
    const doc = { result: { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: T, spanId: '01', name: 'x', startTimeUnixNano: '11651379494838206464', endTimeUnixNano: '11651379494838206464' }] }] }] } };
    const [span] = expectSpans(parseTraceText(JSON.stringify(doc)));
    assert.equal(span!.startUs, 0);
    assert.match(span!.warnings[0]!, /out of range/);
  });

  test('NDJSON (collector file exporter): one document per line, spans merged into one trace', () => {
    const line = (id: string, parent: string) =>
      JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 's' } }] }, scopeSpans: [{ spans: [{ traceId: T, spanId: id, parentSpanId: parent, name: id, startTimeUnixNano: '1000', endTimeUnixNano: '2000' }] }] }] });
    const result = parseTraceText(`${line('02', '01')}\n${line('01', '')}\n`);
    assert.deepEqual(expectSpans(result).map((s) => s.operation), ['02', '01']);
  });

  test('NDJSON: a bad line fails with its own line number', () => {
    const good = '{"resourceSpans":[]}';
    const failure = expectFailure(parseTraceText(`${good}\n${good}\n{"resourceSpans":[}\n`));
    assert.equal(failure.format, 'otlp');
    assert.equal(failure.location?.line, 3);
    assert.match(failure.message, /line 3, column 19/);
  });

  test('NDJSON: a line with a bad span names the line and the path', () => {
    const bad = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ spanId: '01' }] }] }] });
    const failure = expectFailure(parseTraceText(`{"resourceSpans":[]}\n${bad}\n`));
    assert.equal(failure.message, 'OTLP/JSON: line 2: resourceSpans[0].scopeSpans[0].spans[0].traceId is missing');
    assert.deepEqual(failure.location, { line: 2, path: 'resourceSpans[0].scopeSpans[0].spans[0].traceId' });
  });

  test('an unknown kind fails with its path', () => {
    const doc = drawnDocument();
    const spans = ((doc.resourceSpans as { scopeSpans: { spans: Record<string, unknown>[] }[] }[])[1]!.scopeSpans[0]!.spans);
    spans[0]!.kind = 9;
    const failure = expectFailure(parseTraceText(JSON.stringify(doc)));
    assert.equal(failure.location?.path, 'resourceSpans[1].scopeSpans[0].spans[0].kind');
  });
});
