import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AttributeInterner } from '../../../src/core/attributeValues';

describe('AttributeInterner', () => {
  test('a repeated key, type and value gives the same object; any difference gives another', () => {
    const interner = new AttributeInterner();
    const get = interner.get('http.request.method', 'string', 'GET');
    assert.deepEqual(get, { key: 'http.request.method', type: 'string', value: 'GET' });
    assert.equal(interner.get('http.request.method', 'string', 'GET'), get);
    assert.notEqual(interner.get('http.request.method', 'string', 'POST'), get);
    assert.notEqual(interner.get('http.method', 'string', 'GET'), get);
  });

  test('the same value under another type stays a distinct attribute', () => {
    const interner = new AttributeInterner();
    const asInt = interner.get('retries', 'int', 3);
    const asDouble = interner.get('retries', 'double', 3);
    const asText = interner.get('retries', 'string', '3');
    assert.deepEqual([asInt, asDouble, asText].map((a) => a.type), ['int', 'double', 'string']);
    assert.equal(interner.get('retries', 'double', 3), asDouble);
    assert.equal(interner.get('retries', 'int', 3), asInt);
    assert.deepEqual(interner.get('retries', 'int', 3), { key: 'retries', type: 'int', value: 3 });
  });

  test('long values are not shared (rarely repeated), but are still correct', () => {
    const interner = new AttributeInterner();
    const statement = `select * from orders where id in (${'?, '.repeat(40)}?)`;
    const first = interner.get('db.statement', 'string', statement);
    const second = interner.get('db.statement', 'string', statement);
    assert.notEqual(first, second);
    assert.deepEqual(first, second);
  });

  test('a key with thousands of distinct values stops remembering new ones, and stays correct', () => {
    const interner = new AttributeInterner();
    for (let i = 0; i < 5000; i++) assert.deepEqual(interner.get('request.id', 'int', i), { key: 'request.id', type: 'int', value: i });
    assert.equal(interner.get('request.id', 'int', 1), interner.get('request.id', 'int', 1), 'early values are still shared');
    assert.notEqual(interner.get('request.id', 'int', 4999), interner.get('request.id', 'int', 4999), 'late ones are not');
  });
});
