import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { descendantErrorCounts, filterRows, NO_FILTER, spansShorterThan, subtreeSizes, type FilteredRows, type SpanFilter } from '../../../src/core/spanFilters';
import { childCounts } from '../../../src/core/waterfallLayout';
import { SPAN_KINDS, type TraceViewModel } from '../../../src/protocol/traceView';
import { drawnView, operationOf } from './helpers';

const { view } = drawnView(`
  root  frontend: GET /checkout     0..1000
    a  cart: GetCart                10..200
      a1  redis: GET                20..30
      a2  redis: GET                40..50
    b  payments: Charge             210..700   [error]
      b1  postgres: INSERT          220..240
      b2  postgres: SELECT          250..251
    c  cart: Save                   710..990
      c1  redis: SET                720..730
`);

/** Rows as the user reads them: operations, and "(N hidden)" for hidden-group rows. */
function rowTexts(v: TraceViewModel, result: FilteredRows): string[] {
  return Array.from(result.rows, (row) => (row >= 0 ? operationOf(v, row) : `(${result.hiddenGroups[-row - 1]!.hiddenCount} hidden)`));
}

const none = new Uint8Array(view.spans.parent.length);
const serviceIndex = (name: string): number => view.services.indexOf(name);
const filter = (partial: Partial<SpanFilter>): SpanFilter => ({ ...NO_FILTER, ...partial });

describe('filterRows', () => {
  test('without a filter or collapsed spans, every span is a row in display order', () => {
    const result = filterRows(view.spans, none, NO_FILTER);
    assert.deepEqual(rowTexts(view, result), ['GET /checkout', 'GetCart', 'GET', 'GET', 'Charge', 'INSERT', 'SELECT', 'Save', 'SET']);
    assert.equal(result.hiddenByFilter, 0);
  });

  test('hiding a service prunes its spans with their subtrees and says how many were hidden', () => {
    const result = filterRows(view.spans, none, filter({ hiddenServices: new Set([serviceIndex('cart')]) }));
    assert.deepEqual(rowTexts(view, result), ['GET /checkout', '(3 hidden)', 'Charge', 'INSERT', 'SELECT', '(2 hidden)']);
    assert.equal(result.hiddenByFilter, 5);
  });

  test('adjacent hidden siblings merge into one "hidden" row', () => {
    const result = filterRows(view.spans, none, filter({ hiddenServices: new Set([serviceIndex('redis')]) }));
    assert.deepEqual(rowTexts(view, result), ['GET /checkout', 'GetCart', '(2 hidden)', 'Charge', 'INSERT', 'SELECT', 'Save', '(1 hidden)']);
  });

  test('status, kind and duration filters keep the ancestors of kept spans so the tree keeps its shape', () => {
    const errors = filterRows(view.spans, none, filter({ status: 'error' }));
    assert.deepEqual(rowTexts(view, errors), ['GET /checkout', '(3 hidden)', 'Charge', '(2 hidden)', '(2 hidden)']);
    const long = filterRows(view.spans, none, filter({ minDurationUs: 250 }));
    assert.deepEqual(rowTexts(view, long), ['GET /checkout', '(3 hidden)', 'Charge', '(2 hidden)', 'Save', '(1 hidden)']);
    const clients = filterRows(view.spans, none, filter({ kinds: new Set([SPAN_KINDS.indexOf('client')]) }));
    assert.deepEqual(rowTexts(view, clients), ['(9 hidden)'], 'every drawn span is a server span');
  });

  test('"matches only" keeps the matches and their ancestors', () => {
    const only = new Uint8Array(view.spans.parent.length);
    only[8] = 1; // c1 redis: SET
    const result = filterRows(view.spans, none, filter({ only }));
    assert.deepEqual(rowTexts(view, result), ['GET /checkout', '(6 hidden)', 'Save', 'SET']);
  });

  test('collapsed spans hide their descendants without counting them as filtered', () => {
    const collapsed = new Uint8Array(view.spans.parent.length);
    collapsed[1] = 1;
    collapsed[4] = 1;
    const result = filterRows(view.spans, collapsed, NO_FILTER);
    assert.deepEqual(rowTexts(view, result), ['GET /checkout', 'GetCart', 'Charge', 'Save', 'SET']);
    assert.equal(result.hiddenByFilter, 0);
  });
});

describe('subtree helpers', () => {
  test('subtreeSizes counts a span and its descendants', () => {
    assert.deepEqual(Array.from(subtreeSizes(view.spans.parent)), [9, 3, 1, 1, 3, 1, 1, 2, 1]);
  });

  test('errors inside a subtree bubble up to every ancestor', () => {
    assert.deepEqual(Array.from(descendantErrorCounts(view.spans)), [1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  test('"collapse spans shorter than" picks only spans with children under the threshold', () => {
    const picked = spansShorterThan(view.spans, childCounts(view.spans), 300);
    assert.deepEqual(picked.map((i) => operationOf(view, i)), ['GetCart', 'Save']);
  });
});
