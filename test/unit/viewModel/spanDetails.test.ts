import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TraceId } from '../../../src/core/model';
import { buildSpanDetails } from '../../../src/core/spanDetails';
import { buildTraceViewModel, invertDisplayOrder } from '../../../src/core/traceViewModel';
import { drawTrace, EPOCH_US, spanIdFor, TRACE_ID } from './drawnTrace';

const OTHER_TRACE = 'ffffffffffffffffffffffffffffffff' as TraceId;

//   root  web: GET /checkout   0..1000
//     pay   payments: charge   100..600   (attributes, events, a follows-from back to root, a link elsewhere)
//     mail  mailer: send       700..900   [error, warn]
const drawn = drawTrace(
  `
  root  web: GET /checkout   0..1000
    pay   payments: charge   100..600
    mail  mailer: send       700..900   [error, warn]
`,
  {
    pay: {
      attributes: [
        { key: 'http.method', type: 'string', value: 'POST' },
        { key: 'retries', type: 'int', value: 3 },
        { key: 'order.id', type: 'int', value: '9007199254740993' },
        { key: 'ratio', type: 'double', value: 0.25 },
        { key: 'cached', type: 'bool', value: false },
        { key: 'items', type: 'array', value: ['a', 1, true] },
        { key: 'headers', type: 'map', value: { accept: 'json', n: 2 } },
        { key: 'blob', type: 'bytes', value: 'aGVsbG8=' },
        { key: 'nothing', type: 'empty', value: null },
        { key: 'markup', type: 'string', value: '<img src=x onerror=alert(1)>' },
      ],
      resource: [{ key: 'service.name', type: 'string', value: 'payments' }],
      events: [
        {
          timeUs: EPOCH_US + 150,
          name: 'card authorized',
          attributes: [{ key: 'card.last4', type: 'string', value: '4242' }],
        },
      ],
      references: [
        { type: 'child-of', traceId: TRACE_ID, spanId: spanIdFor('root'), attributes: [] },
        { type: 'follows-from', traceId: TRACE_ID, spanId: spanIdFor('mail'), attributes: [] },
        { type: 'link', traceId: OTHER_TRACE, spanId: spanIdFor('elsewhere'), attributes: [] },
      ],
    },
  },
);
const { displayOrder } = buildTraceViewModel(drawn.tree);

describe('buildSpanDetails', () => {
  test('describes the selected row in display terms', () => {
    const details = buildSpanDetails(drawn.tree, displayOrder, 1);
    assert.equal(details.spanIndex, 1);
    assert.equal(details.service, 'payments');
    assert.equal(details.operation, 'charge');
    assert.equal(details.kind, 'server');
    assert.equal(details.spanId, spanIdFor('pay'));
    assert.equal(details.parentSpanId, spanIdFor('root'));
    assert.equal(details.startOffsetUs, 100);
    assert.equal(details.durationUs, 500);
    assert.deepEqual(details.status, { code: 'unset' });
  });

  test('formats every attribute type as exact display text', () => {
    const details = buildSpanDetails(drawn.tree, displayOrder, 1);
    const text = Object.fromEntries(details.attributes.map((attribute) => [attribute.key, attribute.value]));
    assert.deepEqual(text, {
      'http.method': 'POST',
      retries: '3',
      'order.id': '9007199254740993',
      ratio: '0.25',
      cached: 'false',
      items: '["a",1,true]',
      headers: '{"accept":"json","n":2}',
      blob: 'aGVsbG8=',
      nothing: '',
      // Untrusted text stays text: the webview renders it with textContent.
      markup: '<img src=x onerror=alert(1)>',
    });
    assert.equal(details.attributes.find((attribute) => attribute.key === 'order.id')?.type, 'int');
    assert.deepEqual(details.resource, [{ key: 'service.name', type: 'string', value: 'payments' }]);
  });

  test('gives event times relative to the span start', () => {
    const details = buildSpanDetails(drawn.tree, displayOrder, 1);
    assert.deepEqual(details.events, [
      { offsetUs: 50, name: 'card authorized', attributes: [{ key: 'card.last4', type: 'string', value: '4242' }] },
    ]);
  });

  test('links references to rows of this trace, and leaves other traces unlinked', () => {
    const inverse = invertDisplayOrder(displayOrder, displayOrder.length);
    for (const details of [
      buildSpanDetails(drawn.tree, displayOrder, 1),
      buildSpanDetails(drawn.tree, displayOrder, 1, inverse),
    ]) {
      assert.deepEqual(details.references, [
        { type: 'child-of', traceId: TRACE_ID, spanId: spanIdFor('root'), spanIndex: 0 },
        { type: 'follows-from', traceId: TRACE_ID, spanId: spanIdFor('mail'), spanIndex: 2 },
        { type: 'link', traceId: OTHER_TRACE, spanId: spanIdFor('elsewhere') },
      ]);
    }
  });

  test('shows error status and the span warnings, including those found while building the tree', () => {
    const details = buildSpanDetails(drawn.tree, displayOrder, 2);
    assert.deepEqual(details.status, { code: 'error', message: 'boom' });
    // drawTrace reports a "warn" span both on the span and as a tree warning: shown once.
    assert.deepEqual(details.warnings, ['mail has a warning']);
  });

  test('refuses a row that does not exist', () => {
    assert.throws(() => buildSpanDetails(drawn.tree, displayOrder, 3), RangeError);
  });
});
