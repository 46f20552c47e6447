/** The Traces view's results: sorting, the errors-only filter, and the scatter's positions and axes. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { keepErrorTraces, scatterLayout, sortRows } from '../../../src/core/searchResultsModel';
import type { SearchResultRow } from '../../../src/protocol/searchMessages';

const T0 = Date.UTC(2024, 0, 1, 12, 0, 0) * 1000;
const MINUTE = 60_000_000;

function row(id: string, startMin: number, durationMs: number, spanCount?: number, errorCount?: number): SearchResultRow {
  return {
    traceId: id.padStart(32, '0'), startUs: T0 + startMin * MINUTE, durationUs: durationMs * 1000, rootService: 'frontend', rootOperation: 'GET /x',
    services: ['frontend'], ...(spanCount === undefined ? {} : { spanCount }), ...(errorCount === undefined ? {} : { errorCount }),
  };
}

// Drawn: four traces over ten minutes.
//   a: t=0,  100 ms, 10 spans, 0 errors
//   b: t=5,  400 ms, 50 spans, 2 errors
//   c: t=10,  50 ms, counts unknown (Tempo)
//   d: t=5,  100 ms,  3 spans, 1 error   (same start as b)
const A = row('a', 0, 100, 10, 0);
const B = row('b', 5, 400, 50, 2);
const C = row('c', 10, 50);
const D = row('d', 5, 100, 3, 1);
const ROWS = [A, B, C, D];
const order = (rows: readonly SearchResultRow[]): string => rows.map((r) => r.traceId.slice(-1)).join('');

describe('sortRows', () => {
  test('most recent first; equal starts by trace id', () => assert.equal(order(sortRows(ROWS, 'recent')), 'cbda'));
  test('oldest first', () => assert.equal(order(sortRows(ROWS, 'oldest')), 'abdc'));
  test('longest first; equal durations newest first', () => assert.equal(order(sortRows(ROWS, 'longest')), 'bdac'));
  test('shortest first', () => assert.equal(order(sortRows(ROWS, 'shortest')), 'cdab'));
  test('most spans; unknown counts last', () => assert.equal(order(sortRows(ROWS, 'mostSpans')), 'badc'));
  test('most errors; unknown counts last', () => assert.equal(order(sortRows(ROWS, 'mostErrors')), 'bdac'));
  test('does not reorder its input', () => {
    sortRows(ROWS, 'longest');
    assert.equal(order(ROWS), 'abcd');
  });
});

test('keepErrorTraces keeps traces with errors and those whose count is unknown', () => {
  assert.equal(order(keepErrorTraces(ROWS)), 'bcd');
});

describe('scatterLayout', () => {
  const size = { width: 412, height: 132 };
  const layout = scatterLayout(ROWS, size, 'utc');
  const point = (id: string) => layout.points.find((p) => p.traceId.endsWith(id))!;

  test('time runs left to right across the plot: first and last trace one big dot inside the edges', () => {
    assert.equal(point('a').x, layout.plot.left + 9);
    assert.equal(point('c').x, layout.plot.right - 9);
    assert.equal(point('b').x, (layout.plot.left + layout.plot.right) / 2);
  });

  test('duration runs bottom to top from zero; the longest trace is inside the plot', () => {
    const zeroY = layout.plot.bottom;
    assert.ok(point('b').y < point('a').y && point('a').y < point('c').y);
    // Linear: 100 ms is a quarter of the way up to 400 ms.
    assert.ok(Math.abs((zeroY - point('a').y) * 4 - (zeroY - point('b').y)) < 1e-9);
    // The longest trace's dot stays whole inside the plot.
    assert.ok(point('b').y - point('b').r >= layout.plot.top, `${point('b').y} - ${point('b').r} vs ${layout.plot.top}`);
  });

  test('dot area follows span count; unknown counts get a small fixed dot', () => {
    assert.ok(point('b').r > point('a').r && point('a').r > point('d').r);
    assert.equal(point('b').r, 9);
    assert.equal(point('c').r, 4);
  });

  test('error traces are marked and drawn last, on top', () => {
    assert.deepEqual(layout.points.map((p) => [p.traceId.slice(-1), p.error]), [['a', false], ['c', false], ['b', true], ['d', true]]);
  });

  test('axes: duration ticks labelled as durations from 0, time ticks as clock times inside the plot', () => {
    assert.equal(layout.durationTicks[0]?.label, '0 µs');
    assert.equal(layout.durationTicks[0]?.position, layout.plot.bottom);
    assert.ok(layout.durationTicks.some((tick) => tick.label === '200 ms'), layout.durationTicks.map((t) => t.label).join());
    assert.ok(layout.timeTicks.length >= 2);
    assert.ok(layout.timeTicks.every((tick) => tick.position >= layout.plot.left && tick.position <= layout.plot.right));
    assert.ok(layout.timeTicks.some((tick) => tick.label === '12:05'), layout.timeTicks.map((t) => t.label).join());
  });

  test('each point is labelled for its tooltip', () => {
    assert.equal(point('b').label, 'frontend: GET /x, 400 ms, 50 spans, 2 errors');
    assert.equal(point('c').label, 'frontend: GET /x, 50 ms');
  });

  test('a single trace sits in the middle of a two-minute axis instead of dividing by zero', () => {
    const single = scatterLayout([A], size, 'utc');
    assert.equal(single.points[0]?.x, (single.plot.left + single.plot.right) / 2);
    assert.ok(Number.isFinite(single.points[0]?.y));
  });

  test('no results: no points, axes still drawn', () => {
    const empty = scatterLayout([], size, 'utc');
    assert.deepEqual(empty.points, []);
    assert.ok(empty.durationTicks.length > 0 && empty.timeTicks.length > 0);
  });
});
