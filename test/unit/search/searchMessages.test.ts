/** The Traces view protocol guard: what the host accepts from the webview, and what it drops. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SEARCH_FORM } from '../../../src/core/searchCriteria';
import { parseToSearchHostMessage } from '../../../src/protocol/searchMessages';

const FORM = { ...DEFAULT_SEARCH_FORM, service: 'frontend' };

describe('parseToSearchHostMessage', () => {
  test('accepts every well-formed message, keeping only known fields', () => {
    assert.deepEqual(parseToSearchHostMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseToSearchHostMessage({ type: 'cancelSearch' }), { type: 'cancelSearch' });
    assert.deepEqual(parseToSearchHostMessage({ type: 'refreshServices' }), { type: 'refreshServices' });
    assert.deepEqual(parseToSearchHostMessage({ type: 'configureBackend' }), { type: 'configureBackend' });
    assert.deepEqual(parseToSearchHostMessage({ type: 'requestOperations', service: 'cart' }), { type: 'requestOperations', service: 'cart' });
    assert.deepEqual(parseToSearchHostMessage({ type: 'openTrace', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }), { type: 'openTrace', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    assert.deepEqual(parseToSearchHostMessage({ type: 'openInBrowser', traceId: 'trace-123' }), { type: 'openInBrowser', traceId: 'trace-123' });
    assert.deepEqual(parseToSearchHostMessage({ type: 'searchTraces', form: { ...FORM, injected: '<script>' } }), { type: 'searchTraces', form: FORM });
    const custom = { ...FORM, lookback: 'custom', customStartMs: 1000, customEndMs: 2000 };
    assert.deepEqual(parseToSearchHostMessage({ type: 'searchTraces', form: custom }), { type: 'searchTraces', form: custom });
  });

  const malformed: [string, unknown][] = [
    ['not an object', 'ready'],
    ['null', null],
    ['an array', [{ type: 'ready' }]],
    ['an unknown type', { type: 'deleteEverything' }],
    ['operations of an empty service', { type: 'requestOperations', service: '' }],
    ['a trace id with a path in it', { type: 'openTrace', traceId: '../../etc/passwd' }],
    ['a trace id that is not text', { type: 'openTrace', traceId: 42 }],
    ['an overlong trace id', { type: 'openInBrowser', traceId: 'a'.repeat(129) }],
    ['a search without a form', { type: 'searchTraces' }],
    ['a lookback that is not a preset', { type: 'searchTraces', form: { ...FORM, lookback: '3h' } }],
    ['a limit over 1500', { type: 'searchTraces', form: { ...FORM, limit: 1501 } }],
    ['a fractional limit', { type: 'searchTraces', form: { ...FORM, limit: 2.5 } }],
    ['errorsOnly as text', { type: 'searchTraces', form: { ...FORM, errorsOnly: 'yes' } }],
    ['a negative custom start', { type: 'searchTraces', form: { ...FORM, lookback: 'custom', customStartMs: -5, customEndMs: 1 } }],
    ['megabytes of tags', { type: 'searchTraces', form: { ...FORM, tags: 'x'.repeat(5000) } }],
  ];
  for (const [name, message] of malformed) {
    test(`drops ${name}`, () => assert.equal(parseToSearchHostMessage(message), undefined));
  }
});
