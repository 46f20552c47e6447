import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTraceTree } from '../../../src/core/buildTree';
import type { Span, SpanId, Trace, TraceId, TreeWarningCode } from '../../../src/core/model';

const TRACE = '0123456789abcdef0123456789abcdef' as TraceId;

/** A span from `id`, `parent`, start and duration (µs); everything else defaulted. */
function span(id: string, parent: string | undefined, startUs: number, durationUs: number, extra: Partial<Span> = {}): Span {
  return {
    traceId: TRACE,
    spanId: id as SpanId,
    ...(parent === undefined ? {} : { parentSpanId: parent as SpanId }),
    references: [],
    service: 'svc',
    operation: id,
    kind: 'internal',
    startUs,
    durationUs,
    status: { code: 'unset' },
    attributes: [],
    resource: [],
    events: [],
    warnings: [],
    ...extra,
  };
}

function tree(spans: Span[]) {
  return buildTraceTree({ traceId: TRACE, spans, warnings: [] } satisfies Trace);
}

function codes(spans: Span[]): TreeWarningCode[] {
  return tree(spans).warnings.map((w) => w.code);
}

describe('buildTraceTree', () => {
  test('children ordered by start time, ties in order received', () => {
    //  a 0──────100
    //  ├─ d 10─20     (received last)
    //  ├─ b 30─40
    //  └─ c 30─50     (same start as b, received after it)
    const t = tree([span('a', undefined, 0, 100), span('c', 'a', 30, 20), span('b', 'a', 30, 10), span('d', 'a', 10, 10)]);
    assert.deepEqual(t.roots, [0]);
    assert.deepEqual(t.children[0], [3, 1, 2]);
    assert.deepEqual(t.parent, [-1, 0, 0, 0]);
    assert.deepEqual([t.startUs, t.endUs], [0, 100]);
    assert.deepEqual(t.warnings, []);
  });

  test('several roots are kept, ordered by start, with one warning', () => {
    const t = tree([span('late', undefined, 50, 10), span('early', undefined, 5, 10)]);
    assert.deepEqual(t.roots, [1, 0]);
    assert.deepEqual(t.warnings.map((w) => w.code), ['multiple-roots']);
  });

  test('an orphan (parent id absent) is a marked root with a warning', () => {
    const t = tree([span('a', undefined, 0, 100), span('x', 'missing', 10, 5)]);
    assert.deepEqual(t.roots, [0, 1]);
    assert.deepEqual(t.orphans, [1]);
    assert.deepEqual(t.warnings.map((w) => [w.code, w.spanIndex]), [['orphan', 1], ['multiple-roots', undefined]]);
    assert.match(t.warnings[0]!.message, /parent missing of svc: x \(x\) is not in the trace/);
  });

  test('duplicate span ids: warned, both shown; children attach to the first', () => {
    const t = tree([span('a', undefined, 0, 100), span('a', undefined, 0, 100), span('b', 'a', 10, 10)]);
    assert.deepEqual(t.warnings.filter((w) => w.code === 'duplicate-span-id').map((w) => w.spanIndex), [1]);
    assert.deepEqual(t.children[0], [2]);
    assert.deepEqual(t.roots, [0, 1]);
  });

  test('a cycle is detected and broken, every span still shown once', () => {
    //  a → b → c → a (each names the next as parent), plus a self-parent d
    const t = tree([span('a', 'c', 0, 10), span('b', 'a', 1, 5), span('c', 'b', 2, 3), span('d', 'd', 3, 1)]);
    assert.deepEqual(codes([span('a', 'c', 0, 10), span('b', 'a', 1, 5), span('c', 'b', 2, 3), span('d', 'd', 3, 1)]).filter((c) => c === 'cycle').length, 2);
    const shown = new Set<number>();
    const stack = [...t.roots];
    while (stack.length > 0) {
      const i = stack.pop()!;
      assert.ok(!shown.has(i), 'no span reached twice');
      shown.add(i);
      stack.push(...t.children[i]!);
    }
    assert.equal(shown.size, 4);
  });

  test('clock skew is flagged, not adjusted: child before parent, or ending after a synchronous parent', () => {
    const spans = [span('p', undefined, 100, 100), span('early', 'p', 90, 5), span('long', 'p', 150, 100)];
    const t = tree(spans);
    assert.deepEqual(t.warnings.map((w) => [w.code, w.spanIndex]), [['clock-skew', 1], ['clock-skew', 2]]);
    assert.equal(t.trace.spans[1]!.startUs, 90);
  });

  test('asynchronous children (consumer, follows-from) may outlive their parent without a warning', () => {
    const followsFrom = span('f', 'p', 150, 100, { references: [{ type: 'follows-from', traceId: TRACE, spanId: 'p' as SpanId, attributes: [] }] });
    assert.deepEqual(codes([span('p', undefined, 100, 100, { kind: 'producer' }), span('c', 'p', 150, 100, { kind: 'consumer' }), followsFrom]), []);
  });

  test("span warnings from parsing are repeated as tree warnings with the span's index", () => {
    const t = tree([span('a', undefined, 0, 1, { warnings: ['timestamp is missing'] })]);
    assert.deepEqual(t.warnings.map((w) => [w.code, w.spanIndex]), [['span-warning', 0]]);
  });

  test('hex parent ids match exactly: case matters, opaque ids still work', () => {
    // Normalized ids are lowercase; an uppercase spelling is a different (opaque) id, as a string compare says.
    const spans = [
      span('abcdef0123456789', undefined, 0, 100),
      span('ABCDEF0123456789', undefined, 0, 100),
      span('0000000000000001', 'abcdef0123456789', 10, 10),
      span('0000000000000002', 'ABCDEF0123456789', 20, 10),
      span('not-hex-at-all', '0000000000000001', 11, 1),
      span('0000000000000003', 'not-hex-at-all', 12, 1),
      span('0000000000000004', 'abcdef012345678', 13, 1), // 15 characters: not the 16-character id
    ];
    const t = tree(spans);
    assert.deepEqual(t.parent, [-1, -1, 0, 1, 2, 4, -1]);
    assert.deepEqual(t.orphans, [6]);
  });

  test('a long child list received out of order: by start time, ties in order received', () => {
    // 1000 children of one root, arriving in a scrambled order with many equal starts (start = k mod 97).
    const spans = [span('root', undefined, 0, 1000)];
    for (let k = 0; k < 1000; k++) {
      const id = (k * 7919) % 1000;
      spans.push(span(`c${id}`, 'root', id % 97, 1));
    }
    const t = tree(spans);
    const expected = spans.map((_, i) => i).slice(1).sort((a, b) => spans[a]!.startUs - spans[b]!.startUs || a - b);
    assert.deepEqual(t.children[0], expected);
  });

  test('start times too far apart to pack with the index are still ordered exactly', () => {
    // 2^52 µs apart: (start offset × index range) exceeds 2^53, so the comparator sort is used.
    const spans = [span('root', undefined, 0, 2 ** 53)];
    for (let k = 0; k < 100; k++) spans.push(span(`c${k}`, 'root', k % 2 === 0 ? 2 ** 52 - k : k, 1));
    const t = tree(spans);
    const expected = spans.map((_, i) => i).slice(1).sort((a, b) => spans[a]!.startUs - spans[b]!.startUs || a - b);
    assert.deepEqual(t.children[0], expected);
  });

  test('a 100k-deep chain builds without overflowing the stack', () => {
    const spans: Span[] = [];
    for (let i = 0; i < 100_000; i++) spans.push(span(`s${i}`, i === 0 ? undefined : `s${i - 1}`, i, 200_000 - 2 * i));
    const t = tree(spans);
    assert.deepEqual(t.roots, [0]);
    assert.equal(t.parent[99_999], 99_998);
    assert.deepEqual(t.warnings, []);
  });

  // The bound is loose on purpose (CI machines are shared); it catches a quadratic step, which would take minutes.
  test('500k spans received out of order build in seconds, not minutes', () => {
    const n = 500_000;
    const spans: Span[] = new Array<Span>(n);
    for (let k = 0; k < n; k++) {
      const i = (k * 7919) % n; // a permutation: spans arrive shuffled
      spans[k] = span(`s${i}`, i === 0 ? undefined : `s${Math.floor((i - 1) / 4)}`, 1_700_000_000_000_000 + i, 10 * n - i);
    }
    const started = performance.now();
    const t = tree(spans);
    const elapsed = performance.now() - started;
    assert.equal(t.roots.length, 1);
    assert.equal(t.children[t.roots[0]!]!.length, 4);
    assert.ok(elapsed < 6000, `took ${elapsed.toFixed(0)} ms`);
  });
});
