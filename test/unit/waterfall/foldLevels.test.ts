import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { collapseOneLevel, expandOneLevel, setSubtreeCollapsed } from '../../../src/core/foldLevels';
import { filterRows, NO_FILTER, subtreeSizes } from '../../../src/core/spanFilters';
import { childCounts } from '../../../src/core/waterfallLayout';
import { drawnView, operationOf } from './helpers';

const { view } = drawnView(`
  root  a: root        0..100
    b  a: b            1..50
      c  a: c          2..40
        d  a: d        3..30
    e  a: e            60..90
      f  a: f          61..70
`);
const children = childCounts(view.spans);
const shown = (collapsed: Uint8Array): string[] => Array.from(filterRows(view.spans, collapsed, NO_FILTER).rows, (i) => operationOf(view, i));

describe('fold levels', () => {
  test('collapse one level folds the deepest expanded level first, then the next', () => {
    const collapsed = new Uint8Array(view.spans.parent.length);
    assert.ok(collapseOneLevel(view.spans, children, collapsed, filterRows(view.spans, collapsed, NO_FILTER).rows));
    assert.deepEqual(shown(collapsed), ['root', 'b', 'c', 'e', 'f']);
    collapseOneLevel(view.spans, children, collapsed, filterRows(view.spans, collapsed, NO_FILTER).rows);
    assert.deepEqual(shown(collapsed), ['root', 'b', 'e']);
  });

  test('expand one level unfolds the shallowest collapsed level', () => {
    const collapsed = new Uint8Array(view.spans.parent.length);
    setSubtreeCollapsed(children, subtreeSizes(view.spans.parent), collapsed, 0, true);
    assert.deepEqual(shown(collapsed), ['root']);
    assert.ok(expandOneLevel(view.spans, collapsed, filterRows(view.spans, collapsed, NO_FILTER).rows));
    assert.deepEqual(shown(collapsed), ['root', 'b', 'e']);
    expandOneLevel(view.spans, collapsed, filterRows(view.spans, collapsed, NO_FILTER).rows);
    assert.deepEqual(shown(collapsed), ['root', 'b', 'c', 'e', 'f']);
  });

  test('nothing to do: false', () => {
    const collapsed = new Uint8Array(view.spans.parent.length);
    assert.equal(expandOneLevel(view.spans, collapsed, filterRows(view.spans, collapsed, NO_FILTER).rows), false);
  });

  test('a subtree folds and unfolds as a whole, leaving siblings alone', () => {
    const collapsed = new Uint8Array(view.spans.parent.length);
    const sizes = subtreeSizes(view.spans.parent);
    setSubtreeCollapsed(children, sizes, collapsed, 1, true);
    assert.deepEqual(shown(collapsed), ['root', 'b', 'e', 'f']);
    collapsed[1] = 0;
    assert.deepEqual(shown(collapsed), ['root', 'b', 'c', 'e', 'f'], 'c stayed collapsed');
    setSubtreeCollapsed(children, sizes, collapsed, 1, false);
    assert.deepEqual(shown(collapsed), ['root', 'b', 'c', 'd', 'e', 'f']);
  });
});
