import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LruCache } from '../../../src/core/lruCache';

describe('LruCache', () => {
  test('evicts the least recently used entry; a get counts as a use', () => {
    const cache = new LruCache<string, number>({ maxEntries: 3 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    assert.equal(cache.get('a'), 1);
    cache.set('d', 4);
    assert.deepEqual(cache.keys(), ['c', 'a', 'd']);
    assert.equal(cache.get('b'), undefined);
  });

  test('setting an existing key replaces it and makes it the newest', () => {
    const cache = new LruCache<string, number>({ maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    cache.set('c', 3);
    assert.deepEqual(cache.keys(), ['a', 'c']);
    assert.equal(cache.get('a'), 10);
  });

  test('a weight limit evicts as many old entries as needed and keeps the total', () => {
    const cache = new LruCache<string, { spans: number }>({ maxEntries: 100, maxWeight: 1000, weigh: (trace) => trace.spans });
    cache.set('small1', { spans: 300 });
    cache.set('small2', { spans: 300 });
    cache.set('small3', { spans: 300 });
    cache.set('big', { spans: 800 });
    assert.deepEqual(cache.keys(), ['big']);
    assert.equal(cache.totalWeight, 800);
  });

  test('a value heavier than the limit on its own is not cached and evicts nothing', () => {
    const cache = new LruCache<string, { spans: number }>({ maxEntries: 10, maxWeight: 100, weigh: (trace) => trace.spans });
    cache.set('kept', { spans: 50 });
    assert.equal(cache.set('huge', { spans: 101 }), false);
    assert.deepEqual(cache.keys(), ['kept']);
  });

  test('delete and clear keep the weight right', () => {
    const cache = new LruCache<string, number>({ maxEntries: 10, maxWeight: 100, weigh: (n) => n });
    cache.set('a', 40);
    cache.set('b', 50);
    cache.delete('a');
    assert.equal(cache.totalWeight, 50);
    cache.set('c', 50);
    assert.deepEqual(cache.keys(), ['b', 'c']);
    cache.clear();
    assert.deepEqual([cache.size, cache.totalWeight], [0, 0]);
  });

  test('has() does not refresh recency', () => {
    const cache = new LruCache<string, number>({ maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    assert.ok(cache.has('a'));
    cache.set('c', 3);
    assert.equal(cache.has('a'), false);
  });

  test('maxEntries below 1 is a programming error', () => {
    assert.throws(() => new LruCache({ maxEntries: 0 }), RangeError);
  });
});
