import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatchToWebview, parseToWebviewMessage } from '../../../webview/hostBridge';
import type { ToWebviewMessage } from '../../../src/protocol/messages';

describe('parseToWebviewMessage', () => {
  test('accepts the three host messages', () => {
    const view = { traceId: 't', spans: { parent: [] } };
    assert.equal(parseToWebviewMessage({ type: 'traceLoaded', view })?.type, 'traceLoaded');
    assert.equal(parseToWebviewMessage({ type: 'spanDetailsLoaded', details: { spanIndex: 3 } })?.type, 'spanDetailsLoaded');
    assert.equal(parseToWebviewMessage({ type: 'loadFailed', message: 'nope' })?.type, 'loadFailed');
  });

  test('ignores anything else a window can receive', () => {
    for (const junk of [
      null,
      'traceLoaded',
      [],
      { type: 'traceLoaded' },
      { type: 'traceLoaded', view: { spans: 'x' } },
      { type: 'spanDetailsLoaded', details: { spanIndex: 1.5 } },
      { type: 'loadFailed', message: 42 },
      { type: 'requestSpanDetails', spanIndex: 1 },
      { type: '__proto__' },
    ]) {
      assert.equal(parseToWebviewMessage(junk), undefined, JSON.stringify(junk));
    }
  });
});

describe('dispatchToWebview', () => {
  test('calls exactly the handler of the message type', () => {
    const calls: string[] = [];
    const handlers = {
      traceLoaded: () => calls.push('traceLoaded'),
      spanDetailsLoaded: () => calls.push('spanDetailsLoaded'),
      loadFailed: (message: { message: string }) => calls.push(`loadFailed:${message.message}`),
      spansFound: (message: { query: string; matches: readonly number[] }) => calls.push(`spansFound:${message.query}:${message.matches.join()}`),
    };
    dispatchToWebview(handlers, { type: 'loadFailed', message: 'boom' } as ToWebviewMessage);
    dispatchToWebview(handlers, { type: 'spansFound', query: 'db', matches: [1, 4] });
    assert.deepEqual(calls, ['loadFailed:boom', 'spansFound:db:1,4']);
  });
});
