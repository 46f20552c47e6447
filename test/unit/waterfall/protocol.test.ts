import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_QUERY_LENGTH, parseToHostMessage } from '../../../src/protocol/messages';
import { parseTraceSource, traceSourceOf } from '../../../src/protocol/traceView';
import { parseUiState } from '../../../webview/hostBridge';

describe('waterfall messages to the host', () => {
  test('accepts findSpans, revealSource, copyText and copySpan when well-formed', () => {
    assert.deepEqual(parseToHostMessage({ type: 'findSpans', query: 'db=1' }), { type: 'findSpans', query: 'db=1' });
    assert.deepEqual(parseToHostMessage({ type: 'revealSource', spanIndex: 3, extra: 'dropped' }), { type: 'revealSource', spanIndex: 3 });
    assert.deepEqual(parseToHostMessage({ type: 'copyText', text: '<b>' }), { type: 'copyText', text: '<b>' });
    assert.deepEqual(parseToHostMessage({ type: 'copySpan', spanIndex: 0, what: 'json' }), { type: 'copySpan', spanIndex: 0, what: 'json' });
  });

  test('refuses malformed ones', () => {
    for (const junk of [
      { type: 'findSpans' },
      { type: 'findSpans', query: 'x'.repeat(MAX_QUERY_LENGTH + 1) },
      { type: 'revealSource', spanIndex: -1 },
      { type: 'revealSource', spanIndex: '2' },
      { type: 'copyText', text: 5 },
      { type: 'copySpan', spanIndex: 1, what: 'yaml' },
    ]) {
      assert.equal(parseToHostMessage(junk), undefined, JSON.stringify(junk));
    }
  });
});

describe('trace source', () => {
  test('file Uris can be re-read after a reload; backend URLs are only described', () => {
    assert.deepEqual(traceSourceOf('file:///work/a.json', 't1'), { kind: 'file', uri: 'file:///work/a.json', traceId: 't1' });
    assert.deepEqual(traceSourceOf('vscode-remote://ssh/x.json', 't1').kind, 'file');
    assert.deepEqual(traceSourceOf('http://localhost:16686', 't1'), { kind: 'backend', description: 'http://localhost:16686', traceId: 't1' });
    assert.deepEqual(traceSourceOf('the trace backend', 't1').kind, 'backend');
  });

  test('parseTraceSource accepts only well-formed sources', () => {
    assert.deepEqual(parseTraceSource({ kind: 'file', uri: 'file:///a', traceId: 't' }), { kind: 'file', uri: 'file:///a', traceId: 't' });
    assert.equal(parseTraceSource({ kind: 'file', traceId: 't' }), undefined);
    assert.equal(parseTraceSource({ kind: 'ftp', uri: 'x', traceId: 't' }), undefined);
    assert.equal(parseTraceSource('file:///a'), undefined);
  });
});

describe('persisted UI state', () => {
  test('keeps zoom, column width, toggles and the trace source; drops what is malformed', () => {
    const state = parseUiState({
      traceId: 't', selectedSpan: 2, collapsed: [1], scrollTop: 40, zoom: { from: 0.2, to: 0.4 }, nameWidthPercent: 30,
      criticalPath: true, skewAdjusted: false, source: { kind: 'file', uri: 'file:///a.json', traceId: 't' },
    });
    assert.deepEqual(state, {
      traceId: 't', selectedSpan: 2, collapsed: [1], scrollTop: 40, zoom: { from: 0.2, to: 0.4 }, nameWidthPercent: 30,
      criticalPath: true, skewAdjusted: false, source: { kind: 'file', uri: 'file:///a.json', traceId: 't' },
    });
    const bad = parseUiState({ traceId: 't', selectedSpan: -1, collapsed: [], zoom: { from: 0.5, to: 0.2 }, nameWidthPercent: 500, source: { kind: 'file' } });
    assert.deepEqual(bad, { traceId: 't', selectedSpan: -1, collapsed: [], scrollTop: 0 });
  });
});
