import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clampZoom, durationLabelPlacement, FULL_ZOOM, windowTicks, zoomAround } from '../../../src/core/waterfallLayout';

describe('durationLabelPlacement', () => {
  test('a bar spanning the whole width (the root) gets its label inside, at its right end, never over its start', () => {
    assert.deepEqual(durationLabelPlacement({ leftPercent: 0, widthPercent: 100 }), { side: 'inside', rightPercent: 0 });
  });

  test('after the bar when there is room, else before it', () => {
    assert.deepEqual(durationLabelPlacement({ leftPercent: 10, widthPercent: 20 }), { side: 'after', leftPercent: 30 });
    assert.deepEqual(durationLabelPlacement({ leftPercent: 60, widthPercent: 40 }), { side: 'before', rightPercent: 40 });
  });
});

describe('zoom', () => {
  test('zooming in around the middle halves the window around its centre; zooming out is clamped to the trace', () => {
    assert.deepEqual(zoomAround(FULL_ZOOM, 0.5), { from: 0.25, to: 0.75 });
    assert.deepEqual(zoomAround({ from: 0.25, to: 0.75 }, 4), FULL_ZOOM);
  });

  test('the anchor (the pointer position) stays at the same place on screen', () => {
    const zoomed = zoomAround({ from: 0.2, to: 0.6 }, 0.5, 0.25);
    // The anchor was at 0.2 + 0.4 * 0.25 = 0.3 and is still a quarter into the window.
    assert.ok(Math.abs(zoomed.from + (zoomed.to - zoomed.from) * 0.25 - 0.3) < 1e-12);
    assert.ok(Math.abs(zoomed.to - zoomed.from - 0.2) < 1e-12);
  });

  test('clampZoom orders the ends and keeps the window inside 0..1', () => {
    assert.deepEqual(clampZoom({ from: 0.9, to: 0.7 }), { from: 0.7, to: 0.9 });
    const shifted = clampZoom({ from: 0.9, to: 1.3 });
    assert.ok(Math.abs(shifted.from - 0.6) < 1e-12 && shifted.to === 1);
  });
});

describe('windowTicks', () => {
  test('nice ticks inside a zoomed window, labelled from the trace start, placed in percent of the window', () => {
    const ticks = windowTicks(1_050, 1_500, 5);
    assert.deepEqual(ticks.map((t) => t.label), ['1.1 ms', '1.2 ms', '1.3 ms', '1.4 ms', '1.5 ms']);
    assert.ok(Math.abs(ticks[0]!.percent - (50 / 450) * 100) < 1e-9);
    assert.equal(ticks.at(-1)!.percent, 100);
  });
});
