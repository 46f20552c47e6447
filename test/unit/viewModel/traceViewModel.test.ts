import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTraceViewModel, invertDisplayOrder } from '../../../src/core/traceViewModel';
import { SPAN_KINDS, SpanFlag, type TraceViewModel } from '../../../src/protocol/traceView';
import { deepChain, drawTrace, EPOCH_US } from './drawnTrace';

/** Row i as "service: operation" so that assertions read like the waterfall. */
function rowNames(view: TraceViewModel): string[] {
  return view.spans.serviceIndex.map(
    (service, row) => `${view.services[service]}: ${view.operations[view.spans.operationIndex[row]!]}`,
  );
}

describe('buildTraceViewModel', () => {
  const hotrod = drawTrace(`
    root  frontend: GET /dispatch        0..1000
      cust  customer: GET /customer      10..300
        sql  mysql: SQL SELECT           20..280   [error]
      drv  driver: FindNearest           310..700
        r1  redis: GetDriver             320..330
        r2  redis: GetDriver             340..350  [warn]
      route  route: GET /route           710..990
  `);

  test('lists spans depth-first with children in time order, and maps rows back to the parsed spans', () => {
    const { view, displayOrder } = buildTraceViewModel(hotrod.tree);
    assert.deepEqual(rowNames(view), [
      'frontend: GET /dispatch',
      'customer: GET /customer',
      'mysql: SQL SELECT',
      'driver: FindNearest',
      'redis: GetDriver',
      'redis: GetDriver',
      'route: GET /route',
    ]);
    assert.deepEqual(
      displayOrder,
      ['root', 'cust', 'sql', 'drv', 'r1', 'r2', 'route'].map(hotrod.spanIndexOf),
    );
    assert.deepEqual(view.spans.depth, [0, 1, 2, 1, 2, 2, 1]);
    assert.deepEqual(view.spans.parent, [-1, 0, 1, 0, 3, 3, 0]);
  });

  test('titles the trace after its root span and measures it from the earliest start to the latest end', () => {
    const { view } = buildTraceViewModel(hotrod.tree);
    assert.equal(view.title, 'frontend: GET /dispatch');
    assert.equal(view.traceId, hotrod.tree.trace.traceId);
    assert.equal(view.startUs, EPOCH_US);
    assert.equal(view.durationUs, 1000);
    assert.deepEqual(view.spans.startOffsetUs, [0, 10, 20, 310, 320, 340, 710]);
    assert.deepEqual(view.spans.durationUs, [1000, 290, 260, 390, 10, 10, 280]);
    assert.deepEqual(view.spans.kind, Array(7).fill(SPAN_KINDS.indexOf('server')));
  });

  test('interns each service and operation name once', () => {
    const { view } = buildTraceViewModel(hotrod.tree);
    assert.deepEqual(view.services, ['frontend', 'customer', 'mysql', 'driver', 'redis', 'route']);
    assert.equal(view.operations.filter((name) => name === 'GetDriver').length, 1);
    assert.equal(view.spans.operationIndex[4], view.spans.operationIndex[5]);
  });

  test('flags error spans and spans with warnings, and says so in the trace warnings', () => {
    const { view } = buildTraceViewModel(hotrod.tree);
    const flagged = view.spans.flags.map((flags, row) => [row, flags] as const).filter(([, flags]) => flags !== 0);
    assert.deepEqual(flagged, [
      [2, SpanFlag.Error],
      [5, SpanFlag.HasWarnings],
    ]);
    assert.deepEqual(view.warnings, [
      '1 span has warnings of its own; select a span marked with a warning sign to read them.',
    ]);
  });

  test('treats the conventional Jaeger/Zipkin error tag as an error too', () => {
    const drawn = drawTrace(`a  svc: op  0..10`, {
      a: { attributes: [{ key: 'error', type: 'string', value: 'true' }] },
    });
    assert.equal(buildTraceViewModel(drawn.tree).view.spans.flags[0], SpanFlag.Error);
  });

  test('shows orphans at the top level, flags them, counts them in one sentence and titles by the true root', () => {
    const drawn = drawTrace(`
      early  lost: orphan op      0..50     [orphan]
      root   web: GET /           10..100
        kid  db: query            20..30
      late   lost: orphan op      60..70    [orphan]
    `);
    // The tree builder sorts roots by start, so the orphan comes first; the title must still name the real root.
    const { view } = buildTraceViewModel(drawn.tree);
    assert.equal(view.title, 'web: GET /');
    assert.deepEqual(view.spans.depth, [0, 0, 1, 0]);
    assert.deepEqual(view.spans.flags, [SpanFlag.Orphan, 0, 0, SpanFlag.Orphan]);
    assert.equal(view.warnings.length, 1);
    assert.match(view.warnings[0]!, /^2 spans refer to a parent span that is not in the trace/);
  });

  test('keeps trace-level warnings from the parser first, as they are', () => {
    const drawn = drawTrace(`a  svc: op  0..10`);
    const tree = { ...drawn.tree, trace: { ...drawn.tree.trace, warnings: ['Backend said: partial results'] } };
    assert.deepEqual(buildTraceViewModel(tree).view.warnings, ['Backend said: partial results']);
  });

  test('never drops a span the tree left unreachable (e.g. a broken cycle)', () => {
    const drawn = drawTrace(`
      a  svc: a  0..10
      b  svc: b  1..5
    `);
    // Span b is nobody's child and not a root: it must still get a row, as a root.
    const spanB = drawn.spanIndexOf('b');
    const tree = { ...drawn.tree, roots: [drawn.spanIndexOf('a')], children: [[], []] };
    const { view, displayOrder } = buildTraceViewModel(tree);
    assert.equal(displayOrder.length, 2);
    assert.equal(displayOrder[1], spanB);
    assert.equal(view.spans.parent[1], -1);
  });

  test('handles an empty trace', () => {
    const tree = deepChain(0);
    const { view, displayOrder } = buildTraceViewModel(tree);
    assert.equal(view.title, 'Empty trace');
    assert.deepEqual(displayOrder, []);
    assert.equal(view.durationUs, 0);
  });

  test('survives a 200k-deep parent chain (no recursion) and stays consistent', () => {
    const length = 200_000;
    const { view, displayOrder } = buildTraceViewModel(deepChain(length));
    assert.equal(displayOrder.length, length);
    assert.equal(view.spans.depth[length - 1], length - 1);
    assert.equal(view.spans.parent[length - 1], length - 2);
    assert.equal(view.services.length, 7);
    assert.equal(view.operations.length, 13);
  });

  test('invertDisplayOrder maps spans back to rows', () => {
    const { displayOrder } = buildTraceViewModel(hotrod.tree);
    const inverse = invertDisplayOrder(displayOrder, displayOrder.length);
    displayOrder.forEach((spanIndex, row) => assert.equal(inverse[spanIndex], row));
  });
});
