import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Span } from '../../../src/core/model';
import { SpanIdIndex, readHexSpanId } from '../../../src/core/spanIdIndex';

/** Only `spanId` matters to the index. */
function spansWithIds(ids: readonly string[]): Span[] {
  return ids.map((spanId) => ({ spanId }) as unknown as Span);
}

describe('SpanIdIndex', () => {
  test('finds every added id; the first index wins for a repeated id', () => {
    const spans = spansWithIds(['00000000000000a1', 'span-1', '00000000000000a1', 'x'.repeat(40)]);
    const index = new SpanIdIndex(spans, spans.length);
    assert.deepEqual([0, 1, 2, 3].map((i) => index.add(i)), [0, 1, 0, 3]);
    assert.equal(index.get('00000000000000a1'), 0);
    assert.equal(index.get('span-1'), 1);
    assert.equal(index.get('x'.repeat(40)), 3);
    assert.equal(index.get('00000000000000a2'), -1);
  });

  test('ids sharing their last 16 characters (same hash) are still told apart', () => {
    const tail = '0123456789abcdef';
    const spans = spansWithIds([`a-${tail}`, `b-${tail}`, tail]);
    const index = new SpanIdIndex(spans, spans.length);
    for (let i = 0; i < spans.length; i++) index.add(i);
    assert.deepEqual([`a-${tail}`, `b-${tail}`, tail, `c-${tail}`].map((id) => index.get(id)), [0, 1, 2, -1]);
  });

  test('hex ids are matched exactly: a different case or length is a different id', () => {
    const spans = spansWithIds(['00000000000000ab', '00000000000000AB', '0000000000000ab', 'ffffffffffffffff', '8000000000000000']);
    const index = new SpanIdIndex(spans, spans.length);
    for (let i = 0; i < spans.length; i++) assert.equal(index.add(i), i);
    assert.deepEqual(['00000000000000ab', '00000000000000AB', '0000000000000ab', 'ffffffffffffffff', '8000000000000000'].map((id) => index.get(id)), [0, 1, 2, 3, 4]);
    assert.equal(index.get('0000000000000000ab'), -1);
    const words = new Int32Array(2);
    assert.ok(readHexSpanId('8000000000000000', words, 0));
    assert.equal(index.getHex(words[0]!, words[1]!), 4);
  });

  test('readHexSpanId: the 64 bits of a 16-character lowercase hex id as two int32 words', () => {
    const words = new Int32Array(4);
    assert.equal(readHexSpanId('0123456789abcdef', words, 2), true);
    assert.deepEqual([...words], [0, 0, 0x01234567, 0x89abcdef | 0]);
    assert.equal(readHexSpanId('0123456789ABCDEF', words, 0), false);
    assert.equal(readHexSpanId('0123456789abcdeg', words, 0), false);
    assert.equal(readHexSpanId('0123456789abcde', words, 0), false);
    assert.deepEqual([...words], [0, 0, 0x01234567, 0x89abcdef | 0], 'nothing written when the id is not hex');
  });

  test('a full table of 50k random-looking ids: every lookup exact', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => (Math.imul(i, 2654435761) >>> 0).toString(16).padStart(16, '0'));
    const index = new SpanIdIndex(spansWithIds(ids), ids.length);
    ids.forEach((_, i) => index.add(i));
    ids.forEach((id, i) => assert.equal(index.get(id), i));
  });
});
