/** The realistic trace generator that tests and benchmarks rely on (test/fixtures/generate). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTraceTree } from '../../../src/core/buildTree';
import { parseTraceText } from '../../../src/core/parseTrace';
import { MAX_DEPTH, generateTrace, generateTraceText } from '../../fixtures/generate/generateTrace';

describe('generateTrace', () => {
  const trace = generateTrace(5000, 11);
  const tree = buildTraceTree(trace);

  test('exactly N spans in one well-formed tree: one root, no orphans, no warnings', () => {
    assert.equal(trace.spans.length, 5000);
    assert.equal(new Set(trace.spans.map((span) => span.spanId)).size, 5000);
    assert.deepEqual([tree.roots.length, tree.orphans.length, tree.warnings], [1, 0, []]);
  });

  test('deep (but at most 20 levels) with varied fan-out', () => {
    const depth = new Array<number>(trace.spans.length).fill(0);
    const visit = (index: number, level: number): void => {
      depth[index] = level;
      for (const child of tree.children[index] ?? []) visit(child, level + 1);
    };
    visit(tree.roots[0]!, 1);
    const deepest = Math.max(...depth);
    assert.ok(deepest >= 10 && deepest <= MAX_DEPTH, `depth ${deepest}`);
    const fanOuts = tree.children.map((children) => children.length).filter((n) => n > 0);
    assert.ok(Math.min(...fanOuts) === 1 && Math.max(...fanOuts) >= 10, `fan-out ${Math.min(...fanOuts)}..${Math.max(...fanOuts)}`);
  });

  test('children start within their parent (consumers excepted: they may outlive it)', () => {
    for (let i = 0; i < trace.spans.length; i++) {
      const parent = tree.parent[i]!;
      if (parent < 0) continue;
      const [span, up] = [trace.spans[i]!, trace.spans[parent]!];
      assert.ok(span.startUs >= up.startUs, `span ${span.spanId} starts before its parent`);
      if (span.kind !== 'consumer') assert.ok(span.startUs + span.durationUs <= up.startUs + up.durationUs, `span ${span.spanId} ends after its parent`);
    }
  });

  test('several services, mixed attribute types, a few errors, some events and links', () => {
    assert.ok(new Set(trace.spans.map((span) => span.service)).size >= 8);
    const types = new Set(trace.spans.flatMap((span) => span.attributes.map((attribute) => attribute.type)));
    assert.deepEqual([...types].sort(), ['array', 'bool', 'bytes', 'double', 'int', 'string']);
    const errors = trace.spans.filter((span) => span.status.code === 'error').length;
    assert.ok(errors > 10 && errors < 250, `${errors} errors`);
    assert.ok(trace.spans.filter((span) => span.events.length > 0).length > 250);
    assert.ok(trace.spans.some((span) => span.references.some((reference) => reference.type === 'link')));
    assert.deepEqual([...new Set(trace.spans.map((span) => span.kind))].sort(), ['client', 'consumer', 'internal', 'producer', 'server']);
  });

  test('spans come in order of end time, as an SDK exports them', () => {
    const ends = trace.spans.map((span) => span.startUs + span.durationUs);
    assert.ok(ends.every((end, i) => i === 0 || end >= ends[i - 1]!));
  });

  test('deterministic in the seed', () => {
    assert.deepEqual(generateTrace(200, 11), generateTrace(200, 11));
    assert.notEqual(generateTrace(200, 11).traceId, generateTrace(200, 12).traceId);
    assert.equal(generateTraceText('otlp', 300, 5), generateTraceText('otlp', 300, 5));
  });

  test('a single span is a lone root', () => {
    const single = generateTrace(1, 3);
    assert.equal(single.spans.length, 1);
    assert.equal(single.spans[0]?.parentSpanId, undefined);
  });
});

describe('generateTraceText', () => {
  for (const format of ['jaeger', 'otlp', 'zipkin'] as const) {
    test(`${format}: parses as ${format} with N spans, under 1 KB per span`, () => {
      const text = generateTraceText(format, 2000, 4);
      const result = parseTraceText(text);
      assert.ok(result.ok);
      assert.deepEqual([result.format, result.traces.length, result.traces[0]?.spans.length], [format, 1, 2000]);
      // 500 000 spans must stay under V8's ~512 MB string limit (see generateTrace.ts).
      assert.ok(text.length / 2000 < 1024, `${(text.length / 2000).toFixed(0)} bytes per span`);
    });
  }
});
