import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseToHostMessage } from '../../../src/protocol/messages';

test('well-formed webview messages are accepted', () => {
  assert.deepEqual(parseToHostMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseToHostMessage({ type: 'requestSpanDetails', spanIndex: 3 }), { type: 'requestSpanDetails', spanIndex: 3 });
});

test('malformed webview messages are rejected, not passed on', () => {
  for (const bad of [
    null,
    'ready',
    [],
    { type: 'unknownThing' },
    { type: 'requestSpanDetails' },
    { type: 'requestSpanDetails', spanIndex: -1 },
    { type: 'requestSpanDetails', spanIndex: 1.5 },
    { type: 'requestSpanDetails', spanIndex: '2' },
  ]) {
    assert.equal(parseToHostMessage(bad), undefined, JSON.stringify(bad));
  }
});

test('extra fields from the webview are dropped', () => {
  assert.deepEqual(parseToHostMessage({ type: 'requestSpanDetails', spanIndex: 1, evil: '<script>' }), {
    type: 'requestSpanDetails',
    spanIndex: 1,
  });
});
