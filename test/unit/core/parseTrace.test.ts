import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseTraceText, parseTraceValue } from '../../../src/core/parseTrace';
import { expectFailure, expectTraces } from './helpers';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

describe('parseTraceText: detection and grouping', () => {
  test('detects each format from its shape', () => {
    const otlp = { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: A, spanId: '01', startTimeUnixNano: '1000', endTimeUnixNano: '2000' }] }] }] };
    const jaeger = { traceID: A, spans: [{ traceID: A, spanID: '01', startTime: 1, duration: 1, processID: 'p' }], processes: { p: { serviceName: 's' } } };
    const zipkin = [{ traceId: A, id: '01', timestamp: 1, duration: 1 }];
    assert.equal(parseTraceText(JSON.stringify(otlp)).format, 'otlp');
    assert.equal(parseTraceText(JSON.stringify(jaeger)).format, 'jaeger');
    assert.equal(parseTraceText(JSON.stringify(zipkin)).format, 'zipkin');
    assert.equal(parseTraceValue(zipkin).format, 'zipkin');
  });

  test('groups spans into traces by id, in order of first appearance', () => {
    const spans = [B, A, B, A, A].map((traceId, i) => ({ traceId, id: String(i + 1), timestamp: i, duration: 1 }));
    const traces = expectTraces(parseTraceText(JSON.stringify(spans)));
    assert.deepEqual(traces.map((t) => [t.traceId, t.spans.map((s) => s.spanId)]), [
      [B, ['0000000000000001', '0000000000000003']],
      [A, ['0000000000000002', '0000000000000004', '0000000000000005']],
    ]);
  });

  test('a UTF-8 BOM is ignored', () => {
    assert.equal(parseTraceText(`\uFEFF${JSON.stringify([{ traceId: A, id: '01', timestamp: 1, duration: 1 }])}`).ok, true);
  });
});

describe('parseTraceText: failures are values', () => {
  test('truncated JSON: the guessed format and line/column', () => {
    const failure = expectFailure(parseTraceText('{\n  "resourceSpans": [\n    {"resource": {}'));
    assert.equal(failure.format, 'otlp');
    assert.deepEqual(failure.location, { line: 3, column: 20 });
    assert.match(failure.message, /^not valid OTLP\/JSON: line 3, column 20: /);
  });

  test("a stray '}' is reported as V8 words it, with line and column", () => {
    const failure = expectFailure(parseTraceText('[{"traceId":"a","id":"b"}}]'));
    assert.equal(failure.message, "not valid Zipkin v2 JSON: line 1, column 26: Expected ',' or ']' after array element");
    const trailingComma = expectFailure(parseTraceText('[{"traceId":"a","id":"b"},\n]'));
    assert.equal(trailingComma.message, "not valid Zipkin v2 JSON: line 2, column 1: Unexpected token ']'");
  });

  test('valid JSON of no known shape lists the accepted shapes', () => {
    const failure = expectFailure(parseTraceText('{"hello": "world"}'));
    assert.equal(failure.format, 'unknown');
    assert.match(failure.message, /^not a trace\. Trace Lens reads: OTLP\/JSON .*Jaeger v1 JSON .*Zipkin v2 JSON/);
  });

  test('recognizable non-trace documents get a hint', () => {
    assert.match(expectFailure(parseTraceText('{"traces":[{"traceID":"1"}]}')).message, /Tempo search result/);
    assert.match(expectFailure(parseTraceText('[{"parent":"a","child":"b","callCount":3}]')).message, /dependency links/);
    assert.match(expectFailure(parseTraceText('{"data":["frontend"],"total":1}')).message, /services or operations/);
    assert.match(expectFailure(parseTraceText('{"traceID":"1","spanID":"2"}')).message, /single Jaeger span/);
  });

  test('empty input, empty array, scalars', () => {
    assert.equal(expectFailure(parseTraceText('  \n')).message, 'the file is empty');
    assert.match(expectFailure(parseTraceText('[]')).message, /empty array/);
    assert.match(expectFailure(parseTraceText('42')).message, /JSON number/);
  });

  test('an OTLP document with no spans fails rather than showing an empty trace', () => {
    const failure = expectFailure(parseTraceText('{"resourceSpans":[]}'));
    assert.equal(failure.message, 'OTLP/JSON: the document contains no spans');
  });
});
