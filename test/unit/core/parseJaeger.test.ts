import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseTraceText } from '../../../src/core/parseTrace';
import { attributeMap, expectFailure, expectSpans, expectTraces, spanById } from './helpers';

const T = 'abcdef0123456789abcdef0123456789';

/**
 *   frontend  GET /dispatch   [a1] 0 ──────────────── 1000
 *   ├─ driver FindDriver      [b2]    100 ──── 500            (CHILD_OF a1, a log at 150)
 *   │  └─ redis GetDriver     [c3]      200 ─ 300             (error=true, int64 beyond 2^53)
 *   └─ frontend publish       [d4]           600 ── 900       (FOLLOWS_FROM a1 only)
 */
function drawnTrace(): Record<string, unknown> {
  const base = 1_600_000_000_000_000;
  return {
    traceID: T,
    spans: [
      span('a1', 'GET /dispatch', 'p1', 0, 1000, [], [{ key: 'span.kind', type: 'string', value: 'server' }]),
      {
        ...span('b2', 'FindDriver', 'p2', 100, 400, [{ refType: 'CHILD_OF', traceID: T, spanID: 'a1' }], [
          { key: 'span.kind', type: 'string', value: 'client' },
          { key: 'retries', type: 'int64', value: 3 },
          { key: 'ratio', type: 'float64', value: 0.25 },
          { key: 'payload', type: 'binary', value: 'AAAwOQ==' },
        ]),
        logs: [{ timestamp: base + 150, fields: [{ key: 'event', type: 'string', value: 'retry' }, { key: 'attempt', type: 'int64', value: 2 }] }],
      },
      span('c3', 'GetDriver', 'p3', 200, 100, [{ refType: 'CHILD_OF', traceID: T, spanID: 'b2' }], [
        { key: 'error', type: 'bool', value: true },
        { key: 'big', type: 'int64', value: '9223372036854775807' },
        { key: 'small', type: 'int64', value: '42' },
      ]),
      span('d4', 'publish', 'p1', 600, 300, [{ refType: 'FOLLOWS_FROM', traceID: T, spanID: 'a1' }], []),
    ],
    processes: {
      p1: { serviceName: 'frontend', tags: [{ key: 'hostname', type: 'string', value: 'web-1' }] },
      p2: { serviceName: 'driver', tags: [] },
      p3: { serviceName: 'redis', tags: [] },
    },
    warnings: ['clock skew adjustment disabled'],
  };

  function span(id: string, op: string, processID: string, start: number, duration: number, references: unknown[], tags: unknown[]) {
    return { traceID: T, spanID: id.padStart(16, '0'), operationName: op, references: pad(references), startTime: base + start, duration, tags, logs: [], processID, warnings: null };
  }
  function pad(references: unknown[]): unknown[] {
    return references.map((r) => ({ ...(r as object), spanID: (r as { spanID: string }).spanID.padStart(16, '0') }));
  }
}

describe('Jaeger v1 JSON', () => {
  test('a single trace object: services from processes, parents from references, times in µs', () => {
    const spans = expectSpans(parseTraceText(JSON.stringify(drawnTrace())));
    assert.deepEqual(
      spans.map((s) => [s.spanId, s.service, s.operation, s.parentSpanId, s.startUs - 1_600_000_000_000_000, s.durationUs]),
      [
        ['00000000000000a1', 'frontend', 'GET /dispatch', undefined, 0, 1000],
        ['00000000000000b2', 'driver', 'FindDriver', '00000000000000a1', 100, 400],
        ['00000000000000c3', 'redis', 'GetDriver', '00000000000000b2', 200, 100],
        // FOLLOWS_FROM is the only reference: Jaeger UI nests the span under its cause, so do we.
        ['00000000000000d4', 'frontend', 'publish', '00000000000000a1', 600, 300],
      ],
    );
  });

  test('tags of every type keep their type; int64 beyond 2^53 stays exact text', () => {
    const spans = expectSpans(parseTraceText(JSON.stringify(drawnTrace())));
    const b2 = spanById(spans, '00000000000000b2');
    assert.deepEqual(
      b2.attributes.map((a) => [a.key, a.type, a.value]),
      [
        ['span.kind', 'string', 'client'],
        ['retries', 'int', 3],
        ['ratio', 'double', 0.25],
        ['payload', 'bytes', 'AAAwOQ=='],
      ],
    );
    const c3 = spanById(spans, '00000000000000c3');
    assert.deepEqual(attributeMap(c3.attributes), { error: true, big: '9223372036854775807', small: 42 });
  });

  test('span.kind and error tags become kind and status; logs become events', () => {
    const spans = expectSpans(parseTraceText(JSON.stringify(drawnTrace())));
    assert.deepEqual(spans.map((s) => s.kind), ['server', 'client', 'unspecified', 'unspecified']);
    assert.deepEqual(spans.map((s) => s.status.code), ['unset', 'unset', 'error', 'unset']);
    const b2 = spanById(spans, '00000000000000b2');
    assert.deepEqual(b2.events, [{ timeUs: 1_600_000_000_000_150, name: 'retry', attributes: [{ key: 'attempt', type: 'int', value: 2 }] }]);
  });

  test('process tags become the resource, with service.name; references are all kept', () => {
    const spans = expectSpans(parseTraceText(JSON.stringify(drawnTrace())));
    assert.deepEqual(attributeMap(spans[0]!.resource), { 'service.name': 'frontend', hostname: 'web-1' });
    assert.deepEqual(spanById(spans, '00000000000000d4').references, [
      { type: 'follows-from', traceId: T, spanId: '00000000000000a1', attributes: [] },
    ]);
  });

  test('the trace warnings array becomes trace warnings', () => {
    const traces = expectTraces(parseTraceText(JSON.stringify(drawnTrace())));
    assert.deepEqual(traces[0]!.warnings, ['clock skew adjustment disabled']);
  });

  test('the API envelope: data[], and errors[] become trace warnings', () => {
    const envelope = { data: [drawnTrace()], total: 0, limit: 0, offset: 0, errors: [{ code: 500, msg: 'storage timeout' }] };
    const traces = expectTraces(parseTraceText(JSON.stringify(envelope)));
    assert.equal(traces[0]!.spans.length, 4);
    assert.deepEqual(traces[0]!.warnings, ['Jaeger query error 500: storage timeout', 'clock skew adjustment disabled']);
  });

  test('an error naming a trace that is not in the response is kept, with its trace id', () => {
    const envelope = { data: [drawnTrace()], errors: [{ code: 404, msg: 'not found', traceID: 'ffff' }] };
    const traces = expectTraces(parseTraceText(JSON.stringify(envelope)));
    assert.equal(traces[0]!.warnings[0], 'trace 0000000000000000000000000000ffff: Jaeger query error 404: not found');
  });

  test('an envelope with no traces but errors fails with the errors', () => {
    const failure = expectFailure(parseTraceText('{"data":[],"errors":[{"code":404,"msg":"trace not found"}]}'));
    assert.equal(failure.format, 'jaeger');
    assert.match(failure.message, /no spans.*trace not found/);
  });

  test('a bare array of spans with embedded process (anonymizer output), string-typed bool', () => {
    const text = JSON.stringify([
      { traceID: '2be38093ead7a083', spanID: '7606ddfe69932d34', operationName: 'x', references: [], startTime: 10, duration: 5, tags: [{ key: 'error', type: 'bool', value: 'true' }], logs: [], process: { serviceName: 'svc-a', tags: [] } },
    ]);
    const [span] = expectSpans(parseTraceText(text));
    assert.equal(span!.traceId, '00000000000000002be38093ead7a083');
    assert.equal(span!.service, 'svc-a');
    assert.equal(span!.status.code, 'error');
    assert.deepEqual(span!.attributes, [{ key: 'error', type: 'bool', value: true }]);
  });

  test('the legacy parentSpanID field is the parent when there are no references; "0" means none', () => {
    const text = JSON.stringify({
      traceID: T,
      spans: [
        { traceID: T, spanID: '1', parentSpanID: '0', operationName: 'root', startTime: 1, duration: 9, processID: 'p' },
        { traceID: T, spanID: '2', parentSpanID: '1', operationName: 'child', startTime: 2, duration: 1, processID: 'p' },
      ],
      processes: { p: { serviceName: 's' } },
    });
    const spans = expectSpans(parseTraceText(text));
    assert.deepEqual(spans.map((s) => s.parentSpanId), [undefined, '0000000000000001']);
  });

  test('a CHILD_OF into another trace is kept as a reference but is not the parent', () => {
    const other = 'f'.repeat(32);
    const text = JSON.stringify({
      traceID: T,
      spans: [{ traceID: T, spanID: '1', references: [{ refType: 'CHILD_OF', traceID: other, spanID: '9' }], operationName: 'x', startTime: 1, duration: 1, processID: 'p' }],
      processes: { p: { serviceName: 's' } },
    });
    const [span] = expectSpans(parseTraceText(text));
    assert.equal(span!.parentSpanId, undefined);
    assert.equal(span!.references[0]!.traceId, other);
  });

  test('imperfect spans are kept with warnings: missing operationName/startTime, unknown process', () => {
    const text = JSON.stringify({ traceID: T, spans: [{ traceID: T, spanID: '1', duration: 3, processID: 'nope', warnings: ['from backend'] }], processes: {} });
    const [span] = expectSpans(parseTraceText(text));
    assert.equal(span!.service, 'unknown_service');
    assert.deepEqual(span!.warnings, [
      'operationName is missing',
      'startTime is missing; shown at 0',
      `process "nope" is not in the trace's processes; service unknown`,
      'from backend',
    ]);
  });

  test('a missing traceID fails with its JSON path', () => {
    const envelope = { data: [drawnTrace()] };
    const spans = (envelope.data[0] as { spans: Record<string, unknown>[] }).spans;
    delete spans[3]!.traceID;
    const failure = expectFailure(parseTraceText(JSON.stringify(envelope)));
    assert.equal(failure.format, 'jaeger');
    assert.equal(failure.location?.path, 'data[0].spans[3].traceID');
    assert.equal(failure.message, 'Jaeger JSON: data[0].spans[3].traceID is missing');
  });

  test('a duration that is not a number fails with its path (trace_invalid_json.json)', () => {
    const failure = expectFailure(parseTraceText('[{"traceID":"2be38093ead7a083","spanID":"7bd66f09ba90ea3d","duration": "invalid"}\n]'));
    assert.equal(failure.message, 'Jaeger JSON: [0].duration is not a duration in microseconds: "invalid"');
  });

  test('a tag value that does not match its type fails at the tag', () => {
    const trace = drawnTrace();
    ((trace.spans as { tags: { value: unknown }[] }[])[1]!.tags[1]!).value = 'three';
    const failure = expectFailure(parseTraceText(JSON.stringify(trace)));
    assert.equal(failure.location?.path, 'spans[1].tags[1].value');
  });
});
