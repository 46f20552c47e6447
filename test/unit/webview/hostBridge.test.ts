import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatchToWebview, parseToWebviewMessage } from '../../../webview/hostBridge';
import type { ToWebviewMessage } from '../../../src/protocol/messages';

describe('parseToWebviewMessage', () => {
  test('accepts the host messages', () => {
    const view = { traceId: 't', spans: { parent: [] } };
    assert.equal(parseToWebviewMessage({ type: 'traceLoaded', view })?.type, 'traceLoaded');
    assert.equal(parseToWebviewMessage({ type: 'spanDetailsLoaded', details: { spanIndex: 3 } })?.type, 'spanDetailsLoaded');
    assert.equal(parseToWebviewMessage({ type: 'loadFailed', message: 'nope' })?.type, 'loadFailed');
    assert.equal(parseToWebviewMessage({ type: 'sourceMatchesLoaded', matches: [{ spanIndex: 2, evidence: 'http.route GET /x' }] })?.type, 'sourceMatchesLoaded');
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
      { type: 'sourceMatchesLoaded', matches: [{ spanIndex: '2', evidence: 'x' }] },
      { type: 'sourceMatchesLoaded', matches: [{ spanIndex: 2 }] },
      { type: 'sourceMatchesLoaded' },
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
      sourceMatchesLoaded: (message: { matches: readonly { spanIndex: number }[] }) => calls.push(`sourceMatchesLoaded:${message.matches.length}`),
    };
    dispatchToWebview(handlers, { type: 'loadFailed', message: 'boom' } as ToWebviewMessage);
    dispatchToWebview(handlers, { type: 'spansFound', query: 'db', matches: [1, 4] });
    dispatchToWebview(handlers, { type: 'sourceMatchesLoaded', matches: [{ spanIndex: 0, evidence: 'e' }] });
    assert.deepEqual(calls, ['loadFailed:boom', 'spansFound:db:1,4', 'sourceMatchesLoaded:1']);
  });
});
