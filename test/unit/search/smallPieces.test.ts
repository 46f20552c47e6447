/** The small pure pieces behind the Traces view: web UI links, recent lists, result rows, the view's guard. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiOfChoice, traceWebUrl } from '../../../src/core/backendChoice';
import { pushRecent, validRecentTraces } from '../../../src/core/recentList';
import { DEFAULT_SEARCH_FORM } from '../../../src/core/searchCriteria';
import { searchResultRows } from '../../../src/core/searchResultsModel';
import { parseToSearchWebviewMessage } from '../../../src/protocol/searchMessages';

const ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('traceWebUrl: "Open in Jaeger UI"', () => {
  test('Jaeger: <base>/trace/<id>, with or without a trailing slash or a path prefix', () => {
    assert.equal(traceWebUrl('http://localhost:16686', 'jaeger-v1', ID), `http://localhost:16686/trace/${ID}`);
    assert.equal(traceWebUrl('https://ops.example.com/jaeger/', 'jaeger-v3', ID), `https://ops.example.com/jaeger/trace/${ID}`);
  });

  test('Zipkin: its UI lives under /zipkin', () => {
    assert.equal(traceWebUrl('http://zipkin:9411', 'zipkin', ID), `http://zipkin:9411/zipkin/traces/${ID}`);
    assert.equal(traceWebUrl('http://gw/zipkin', 'zipkin', ID), `http://gw/zipkin/traces/${ID}`);
  });

  test('Tempo has no trace page of its own', () => {
    assert.equal(traceWebUrl('http://tempo:3200', 'tempo', ID), undefined);
  });

  test('an opaque id cannot change the path', () => {
    assert.equal(traceWebUrl('http://j', 'jaeger-v1', '../admin?x=1'), 'http://j/trace/..%2Fadmin%3Fx%3D1');
  });

  test('setting choices map to APIs; auto means probe', () => {
    assert.deepEqual((['auto', 'jaeger', 'jaeger-v3', 'zipkin', 'tempo'] as const).map(apiOfChoice), [undefined, 'jaeger-v1', 'jaeger-v3', 'zipkin', 'tempo']);
  });
});

describe('recent lists', () => {
  const key = (entry: { id: string }): string => entry.id;

  test('newest first; a repeat moves to the top instead of appearing twice; capped', () => {
    let list: { id: string }[] = [];
    for (const id of ['a', 'b', 'c', 'b', 'd']) list = pushRecent(list, { id }, key, 3);
    assert.deepEqual(list.map(key), ['d', 'b', 'c']);
  });

  test('stored entries of another shape are dropped', () => {
    const good = { traceId: ID, title: 'frontend: GET /', openedAtMs: 1 };
    assert.deepEqual(validRecentTraces([good, { traceId: 3 }, null, 'x']), [good]);
    assert.deepEqual(validRecentTraces({ not: 'a list' }), []);
  });
});

test('searchResultRows copies only the row fields and applies errors only', () => {
  const hit = { traceId: ID, startUs: 1, durationUs: 2, rootService: 's', rootOperation: 'o', spanCount: 3, errorCount: 0, services: ['s'], secret: 'x' };
  assert.deepEqual(searchResultRows([hit], false), [{ traceId: ID, startUs: 1, durationUs: 2, rootService: 's', rootOperation: 'o', spanCount: 3, errorCount: 0, services: ['s'] }]);
  assert.deepEqual(searchResultRows([hit], true), []);
});

describe('parseToSearchWebviewMessage (the view ignores what is not the protocol)', () => {
  test('accepts host messages', () => {
    for (const message of [
      { type: 'connectionChanged', status: { configured: false, problem: 'x' } },
      { type: 'formRestored', form: DEFAULT_SEARCH_FORM, recentSearches: [] },
      { type: 'recentSearchesChanged', recentSearches: [] },
      { type: 'servicesLoaded', services: ['a'] },
      { type: 'operationsLoaded', service: 'a', operations: [] },
      { type: 'lookupFailed', message: 'x' },
      { type: 'searchStarted', searchId: 1 },
      { type: 'resultsLoaded', searchId: 1, rows: [], tookMs: 3, limitReached: false },
      { type: 'searchFailed', searchId: 1, message: '' },
    ]) {
      assert.equal(parseToSearchWebviewMessage(message), message, message.type);
    }
  });

  test('drops anything else', () => {
    for (const message of [null, 'resultsLoaded', { type: 'resultsLoaded', rows: 'x' }, { type: 'formRestored', form: {} }, { type: 'traceLoaded', view: {} }]) {
      assert.equal(parseToSearchWebviewMessage(message), undefined, JSON.stringify(message));
    }
  });
});
