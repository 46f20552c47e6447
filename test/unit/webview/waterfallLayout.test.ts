import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  barPosition,
  childCounts,
  formatDurationUs,
  spansWithChildren,
  timeTicks,
  visibleRows,
} from '../../../src/core/waterfallLayout';

//  row  tree
//   0   a
//   1   ├─ b
//   2   │  ├─ c
//   3   │  └─ d
//   4   │     └─ e
//   5   └─ f
//   6   g            (a second root)
const PARENT = [-1, 0, 1, 1, 3, 0, -1];
const spans = { parent: PARENT };

describe('visibleRows', () => {
  test('shows every row when nothing is collapsed', () => {
    assert.deepEqual([...visibleRows(spans, new Set())], [0, 1, 2, 3, 4, 5, 6]);
  });

  test('hides the whole subtree of a collapsed span, but not the span itself', () => {
    assert.deepEqual([...visibleRows(spans, new Set([1]))], [0, 1, 5, 6]);
    assert.deepEqual([...visibleRows(spans, new Set([3]))], [0, 1, 2, 3, 5, 6]);
  });

  test('a collapsed span inside a collapsed span stays hidden; expanding the outer one shows it collapsed', () => {
    assert.deepEqual([...visibleRows(spans, new Set([0, 3]))], [0, 6]);
    assert.deepEqual([...visibleRows(spans, new Set([3]))], [0, 1, 2, 3, 5, 6]);
  });

  test('accepts a byte per span as the collapsed set', () => {
    const collapsed = new Uint8Array(PARENT.length);
    collapsed[0] = 1;
    assert.deepEqual([...visibleRows(spans, collapsed)], [0, 6]);
  });

  test('"collapse all" leaves only the roots', () => {
    assert.deepEqual(spansWithChildren(spans), [0, 1, 3]);
    assert.deepEqual([...visibleRows(spans, new Set(spansWithChildren(spans)))], [0, 6]);
  });

  test('counts children', () => {
    assert.deepEqual([...childCounts(spans)], [2, 2, 0, 1, 0, 0, 0]);
  });

  test('handles a 200k-deep chain collapsed in the middle', () => {
    const parent = Array.from({ length: 200_000 }, (_, i) => i - 1);
    assert.equal(visibleRows({ parent }, new Set([99_999])).length, 100_000);
  });
});

describe('barPosition', () => {
  test('places a bar as percentages of the trace duration', () => {
    //  0 ─────────── 1000 µs
    //      [250 … 750]
    assert.deepEqual(barPosition(250, 500, 1000), { leftPercent: 25, widthPercent: 50 });
    assert.deepEqual(barPosition(0, 1000, 1000), { leftPercent: 0, widthPercent: 100 });
    assert.deepEqual(barPosition(1000, 0, 1000), { leftPercent: 100, widthPercent: 0 });
  });

  test('clamps bars that stick out of the trace (clock skew) and copes with a zero-length trace', () => {
    assert.deepEqual(barPosition(900, 500, 1000), { leftPercent: 90, widthPercent: 10 });
    assert.deepEqual(barPosition(-100, 200, 1000), { leftPercent: 0, widthPercent: 10 });
    assert.deepEqual(barPosition(0, 0, 0), { leftPercent: 0, widthPercent: 0 });
  });
});

describe('timeTicks', () => {
  test('picks round steps and labels them in readable units', () => {
    assert.deepEqual(
      timeTicks(1_000_000).map((tick) => tick.label),
      ['0 µs', '200 ms', '400 ms', '600 ms', '800 ms', '1 s'],
    );
    assert.deepEqual(
      timeTicks(1_000_000).map((tick) => tick.percent),
      [0, 20, 40, 60, 80, 100],
    );
    assert.deepEqual(
      timeTicks(1_234).map((tick) => tick.label),
      ['0 µs', '500 µs', '1 ms'],
    );
    assert.deepEqual(
      timeTicks(3_700_000, 4).map((tick) => tick.label),
      ['0 µs', '1 s', '2 s', '3 s'],
    );
  });

  test('never exceeds the trace and always has the 0 tick', () => {
    for (const duration of [0, 1, 7, 999, 86_400_000_000]) {
      const ticks = timeTicks(duration);
      assert.equal(ticks[0]?.offsetUs, 0);
      assert.ok(ticks.every((tick) => tick.offsetUs <= duration && tick.percent <= 100));
      assert.ok(ticks.length <= 11, `${ticks.length} ticks for ${duration} µs`);
    }
  });
});

describe('formatDurationUs', () => {
  test('uses µs, ms, s with at most 3 significant digits', () => {
    const cases: [number, string][] = [
      [0, '0 µs'],
      [1, '1 µs'],
      [750, '750 µs'],
      [1_000, '1 ms'],
      [1_500, '1.5 ms'],
      [12_345, '12.3 ms'],
      [250_000, '250 ms'],
      [999_700, '1 s'],
      [1_500_000, '1.5 s'],
      [59_000_000, '59 s'],
    ];
    for (const [us, text] of cases) assert.equal(formatDurationUs(us), text, `${us} µs`);
  });

  test('switches to minutes and hours for long traces', () => {
    assert.equal(formatDurationUs(90_000_000), '1 min 30 s');
    assert.equal(formatDurationUs(120_000_000), '2 min');
    assert.equal(formatDurationUs(5_400_000_000), '1 h 30 min');
  });
});
