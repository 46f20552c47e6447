/**
 * parse(write(trace)) for each writer over a generated trace: what the format can carry must come back
 * exactly; what it cannot carry is lost in the documented way (and nothing else is).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Attribute, Span, SpanEvent, Trace, TraceFormat } from '../../../src/core/model';
import { parseTraceText } from '../../../src/core/parseTrace';
import { toJaegerJson } from '../../../src/core/writeJaeger';
import { toOtlpJson } from '../../../src/core/writeOtlp';
import { toZipkinJson } from '../../../src/core/writeZipkin';
import { generateTrace } from '../../fixtures/generate/generateTrace';

const WRITERS: { readonly [F in TraceFormat]: (traces: readonly Trace[]) => unknown } = {
  jaeger: toJaegerJson,
  otlp: toOtlpJson,
  zipkin: toZipkinJson,
};

/** Tags the Jaeger and Zipkin writers add for fields those formats have no slot for. */
const CARRIER_TAGS = new Set(['span.kind', 'otel.status_code', 'otel.status_description', 'error', 'otel.scope.name', 'otel.scope.version', 'w3c.tracestate']);

function roundTrip(format: TraceFormat, traces: readonly Trace[]): readonly Trace[] {
  const result = parseTraceText(JSON.stringify(WRITERS[format](traces)));
  assert.ok(result.ok, result.ok ? '' : `${format}: ${result.message}`);
  assert.equal(result.format, format);
  return result.traces;
}

function byId(trace: Trace): Map<string, Span> {
  return new Map(trace.spans.map((span) => [span.spanId, span]));
}

const withoutCarriers = (attributes: readonly Attribute[]): Attribute[] => attributes.filter((a) => !CARRIER_TAGS.has(a.key));
const asText = (attributes: readonly Attribute[]): [string, string][] =>
  attributes.map((a) => [a.key, typeof a.value === 'string' ? a.value : JSON.stringify(a.value)]);
/** Jaeger has no array/map/empty types: the writer sends their JSON text as a string tag. */
const jaegerTyped = (attributes: readonly Attribute[]): Attribute[] =>
  attributes.map((a) => (a.type === 'array' || a.type === 'map' ? { key: a.key, type: 'string', value: JSON.stringify(a.value) } : a));
const eventTimesAndNames = (events: readonly SpanEvent[]): [number, string][] => events.map((e) => [e.timeUs, e.name]);

describe('writers round-trip a generated 600-span trace', () => {
  const original = generateTrace(600, 42);

  for (const format of ['jaeger', 'otlp', 'zipkin'] as const) {
    test(`${format}: same trace id, span count, ids, parents, times, services and operations`, () => {
      const [back, ...more] = roundTrip(format, [original]);
      assert.equal(more.length, 0);
      assert.ok(back);
      assert.equal(back.traceId, original.traceId);
      assert.equal(back.spans.length, 600);
      const parsed = byId(back);
      assert.equal(parsed.size, 600, 'span ids stay unique');
      for (const span of original.spans) {
        const copy = parsed.get(span.spanId);
        assert.ok(copy, `span ${span.spanId} is back`);
        assert.deepEqual(
          [copy.parentSpanId, copy.startUs, copy.durationUs, copy.service, copy.operation],
          [span.parentSpanId, span.startUs, span.durationUs, span.service, span.operation],
          `span ${span.spanId}`,
        );
      }
    });
  }

  test('otlp: everything comes back, attribute types, resource, scope, events, links, status included', () => {
    const [back] = roundTrip('otlp', [original]);
    assert.ok(back);
    const parsed = byId(back);
    for (const span of original.spans) {
      const copy = parsed.get(span.spanId);
      assert.ok(copy);
      assert.deepEqual(copy, span);
    }
  });

  test('jaeger: typed tags, process tags, logs, status and kind come back; links become FOLLOWS_FROM', () => {
    const [back] = roundTrip('jaeger', [original]);
    assert.ok(back);
    const parsed = byId(back);
    let links = 0;
    for (const span of original.spans) {
      const copy = parsed.get(span.spanId)!;
      assert.deepEqual(withoutCarriers(copy.attributes), jaegerTyped(span.attributes), `attributes of ${span.spanId}`);
      // service.name travels as the process's serviceName and comes back first, where the generator has it.
      assert.deepEqual(copy.resource, span.resource);
      assert.deepEqual(copy.events, span.events);
      assert.deepEqual(copy.status, span.status);
      assert.equal(copy.kind, span.kind);
      const expectedReferences = span.references.map((r) => (r.type === 'link' ? { ...r, type: 'follows-from', attributes: [] } : r));
      links += span.references.filter((r) => r.type === 'link').length;
      assert.deepEqual(copy.references, expectedReferences);
    }
    assert.ok(links > 0, 'the generated trace has links to check');
  });

  test('zipkin: tags come back as text, OK and error status (with its message), events their time and name', () => {
    const [back] = roundTrip('zipkin', [original]);
    assert.ok(back);
    const parsed = byId(back);
    let errors = 0;
    let oks = 0;
    for (const span of original.spans) {
      const copy = parsed.get(span.spanId)!;
      assert.deepEqual(asText(withoutCarriers(copy.attributes)), asText(span.attributes), `tags of ${span.spanId}`);
      assert.deepEqual(eventTimesAndNames(copy.events), eventTimesAndNames(span.events));
      // Status travels in otel.status_code (OK / ERROR) as OpenTelemetry's Zipkin exporter writes it.
      assert.equal(copy.status.code, span.status.code);
      if (span.status.code === 'ok') oks++;
      // Zipkin has no internal kind.
      if (span.status.code === 'error') {
        errors++;
        assert.equal(copy.status.message, span.status.message);
      }
      assert.equal(copy.kind, span.kind === 'internal' ? 'unspecified' : span.kind);
    }
    assert.ok(errors > 0, 'the generated trace has errors to check');
    assert.ok(oks > 0, 'the generated trace has OK spans to check');
  });
});
