import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustClockSkew, skewDelta } from '../../../src/core/clockSkew';
import { drawnView, operationOf } from './helpers';

describe('adjustClockSkew', () => {
  test('a child of another service that starts before its parent is centred in it; its same-service children move along', () => {
    // The server's clock runs 300 µs behind the client's: it appears to start before its caller.
    const { view } = drawnView(`
      client  frontend: GET /api      1000..2000
        server  backend: handle        800..1600
          work  backend: compute       900..1000
          db  postgres: query          1300..1400
    `);
    const adjusted = adjustClockSkew(view.spans);
    assert.deepEqual(adjusted.skewed.map((i) => operationOf(view, i)), ['handle']);
    // The trace starts at the server's 800, so the client is at offset 200..1200. The server lasts 800:
    // latency (1000 - 800) / 2 = 100, so it moves to offset 300.
    assert.equal(adjusted.startOffsetUs[1], 300);
    assert.equal(adjusted.deltaUs[1], 300);
    assert.equal(adjusted.startOffsetUs[2], view.spans.startOffsetUs[2]! + 300, 'same service: carried along');
    assert.equal(adjusted.deltaUs[3], 0, 'postgres fits its (adjusted) parent: no skew of its own');
    assert.equal(adjusted.minStartUs, 200, 'nothing starts before the client any more');
  });

  test('children that fit, and children longer than their parent (async work), are left alone', () => {
    const { view } = drawnView(`
      p  frontend: publish     0..100
        fits  worker: a        10..90
        async  worker: b       50..500
    `);
    const adjusted = adjustClockSkew(view.spans);
    assert.deepEqual(adjusted.skewed, []);
    assert.deepEqual(Array.from(adjusted.startOffsetUs), Array.from(view.spans.startOffsetUs));
    assert.equal(adjusted.maxEndUs, 500);
  });

  test('skewDelta: zero when the child fits, the centring shift otherwise', () => {
    assert.equal(skewDelta(0, 100, 10, 50), 0);
    assert.equal(skewDelta(0, 100, 80, 50), 25 - 80);
    assert.equal(skewDelta(0, 100, -20, 200), 0);
  });
});
