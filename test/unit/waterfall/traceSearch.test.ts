import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findSpans, parseSearchQuery } from '../../../src/core/traceSearch';
import { drawnView, operationOf } from './helpers';

const { view, displayOrder, drawn } = drawnView(
  `
  root  frontend: GET /checkout     0..1000
    a  cart: GetCart                10..200
    b  payments: Charge             210..700   [error]
      b1  postgres: INSERT payments 220..240
`,
  {
    a: { attributes: [{ key: 'http.status_code', type: 'int', value: 200 }, { key: 'cart.items', type: 'array', value: ['book', 'pen'] }] },
    b: {
      attributes: [{ key: 'http.status_code', type: 'int', value: 502 }],
      resource: [{ key: 'host.name', type: 'string', value: 'node-7' }],
      events: [{ timeUs: 0, name: 'exception', attributes: [{ key: 'exception.type', type: 'string', value: 'TimeoutError' }] }],
    },
    b1: { attributes: [{ key: 'db.statement', type: 'string', value: 'INSERT INTO payments VALUES (1)' }] },
  },
);

const find = (query: string): string[] => findSpans(drawn.tree.trace.spans, displayOrder, query).map((i) => operationOf(view, i));

describe('parseSearchQuery', () => {
  test('splits plain words, key=value pairs, key= and quoted text, lower-cased', () => {
    assert.deepEqual(parseSearchQuery(' GET  http.status_code=502 db.statement="insert into" error= "Two Words"'), [
      { text: 'get' },
      { key: 'http.status_code', text: '502' },
      { key: 'db.statement', text: 'insert into' },
      { key: 'error', text: '' },
      { text: 'two words' },
    ]);
    assert.deepEqual(parseSearchQuery('   '), []);
  });
});

describe('findSpans', () => {
  test('plain text matches service, operation and attribute values, case-insensitively', () => {
    assert.deepEqual(find('payments'), ['Charge', 'INSERT payments']);
    assert.deepEqual(find('PEN'), ['GetCart'], 'inside an array attribute');
  });

  test('key=value matches that attribute only; resource and event attributes count', () => {
    assert.deepEqual(find('http.status_code=502'), ['Charge']);
    assert.deepEqual(find('http.status_code=5'), ['Charge']);
    assert.deepEqual(find('host.name=node-7'), ['Charge']);
    assert.deepEqual(find('exception.type=timeout'), ['Charge']);
    assert.deepEqual(find('service=cart'), ['GetCart']);
  });

  test('key= finds spans that have the attribute; several terms must all match', () => {
    assert.deepEqual(find('db.statement='), ['INSERT payments']);
    assert.deepEqual(find('payments status=error'), ['Charge']);
  });

  test('an empty query, or one that matches nothing, finds nothing', () => {
    assert.deepEqual(find(''), []);
    assert.deepEqual(find('nothing-like-this'), []);
  });
});
