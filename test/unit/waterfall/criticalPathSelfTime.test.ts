import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { criticalPath } from '../../../src/core/criticalPath';
import { selfTimes } from '../../../src/core/selfTime';
import { traceStatistics } from '../../../src/core/traceStatistics';
import { drawnView, operationOf } from './helpers';

const sequential = drawnView(`
  root  frontend: GET /checkout     0..1000
    a  cart: GetCart                100..300
    b  payments: Charge             300..700
      b1  postgres: INSERT          400..600
    c  cart: Save                   750..900
`).view;

const parallel = drawnView(`
  root  frontend: GET /search       0..1000
    fast  index: shard-1            50..400
    slow  index: shard-2            50..950
      inner  disk: read             100..200
`).view;

describe('criticalPath', () => {
  test('sequential children are all on the path, and the path covers the root from start to end', () => {
    const path = criticalPath(sequential.spans);
    assert.deepEqual(Array.from(path.onPath), [1, 1, 1, 1, 1]);
    const covered = path.segments.reduce((sum, segment) => sum + segment.endUs - segment.startUs, 0);
    assert.equal(covered, 1000);
    // The parent's own work between children is on the path too.
    assert.deepEqual(path.segments.filter((s) => s.spanIndex === 0).map((s) => [s.startUs, s.endUs]), [[0, 100], [700, 750], [900, 1000]]);
    assert.deepEqual(path.segments.filter((s) => s.spanIndex === 2).map((s) => [s.startUs, s.endUs]), [[300, 400], [600, 700]]);
  });

  test('of parallel children only the one that finished last is on the path', () => {
    const path = criticalPath(parallel.spans);
    const on = Array.from(path.onPath.keys()).filter((i) => path.onPath[i] === 1).map((i) => operationOf(parallel, i));
    assert.deepEqual(on, ['GET /search', 'shard-2', 'read']);
  });

  test('a chain 20 000 deep is walked without recursion', () => {
    const count = 20_000;
    const parent = Array.from({ length: count }, (_, i) => i - 1);
    const path = criticalPath({ parent, startOffsetUs: parent.map((_, i) => i), durationUs: parent.map((_, i) => 2 * (count - i)) });
    assert.equal(path.onPath.reduce((a, b) => a + b, 0), count);
  });
});

describe('selfTimes', () => {
  test('self time is the duration minus the time covered by children, overlaps counted once', () => {
    assert.deepEqual(Array.from(selfTimes(sequential.spans)), [1000 - 200 - 400 - 150, 200, 400 - 200, 200, 150]);
    // shard-1 (50..400) and shard-2 (50..950) overlap: the root is covered from 50 to 950.
    assert.deepEqual(Array.from(selfTimes(parallel.spans)), [100, 350, 900 - 100, 100]);
  });

  test('a child that outlives its parent only covers the parent up to its end', () => {
    const { view } = drawnView(`
      p  a: parent   0..100
        c  b: async  50..400
    `);
    assert.deepEqual(Array.from(selfTimes(view.spans)), [50, 350]);
  });
});

describe('traceStatistics', () => {
  test('groups by service with count, total, min, max, average and self time, largest self time first', () => {
    const rows = traceStatistics(sequential, selfTimes(sequential.spans), 'service');
    assert.deepEqual(rows.map((row) => [row.name, row.count, row.totalUs, row.minUs, row.maxUs, row.averageUs, row.selfTotalUs]), [
      ['cart', 2, 350, 150, 200, 175, 350],
      ['frontend', 1, 1000, 1000, 1000, 1000, 250],
      ['payments', 1, 400, 400, 400, 400, 200],
      ['postgres', 1, 200, 200, 200, 200, 200],
    ]);
  });

  test('by operation, names are "service: operation"', () => {
    const rows = traceStatistics(sequential, selfTimes(sequential.spans), 'operation');
    assert.deepEqual(rows.map((row) => row.name).sort(), ['cart: GetCart', 'cart: Save', 'frontend: GET /checkout', 'payments: Charge', 'postgres: INSERT']);
  });
});
