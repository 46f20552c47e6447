/** "Open Trace…": what a person pastes, and which trace ids Trace Lens finds in it. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeNoTraceId, extractTraceIds } from '../../../src/core/traceIdInput';

const ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SECOND = '0af7651916cd43dd8448eb211c80319c';
const base64Of = (hex: string, urlSafe = false): string => Buffer.from(hex, 'hex').toString(urlSafe ? 'base64url' : 'base64');
const ids = (text: string): readonly string[] => extractTraceIds(text).ids;

describe('bare ids in every spelling', () => {
  const cases: [string, string, string][] = [
    ['32 lowercase hex', ID, ID],
    ['32 uppercase hex', ID.toUpperCase(), ID],
    ['16 hex (64-bit id) is left-padded', 'a3ce929d0e0e4736', `0000000000000000a3ce929d0e0e4736`],
    ['31 hex (leading zero stripped by an old Jaeger)', SECOND.slice(1), SECOND],
    ['base64 with padding', base64Of(ID), ID],
    ['base64 without padding', base64Of(ID).replace(/=+$/, ''), ID],
    ['URL-safe base64', base64Of('fbff' + ID.slice(4), true), 'fbff' + ID.slice(4)],
    ['UUID spelling', '4bf92f35-77b3-4da6-a3ce-929d0e0e4736', ID],
    ['W3C traceparent', `00-${ID}-00f067aa0ba902b7-01`, ID],
    ['surrounded by whitespace and quotes', `  "${ID}"\n`, ID],
    ['as logged: traceID=<id>', `traceID=${ID}`, ID],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => assert.deepEqual(ids(input), [expected]));
  }

  test('several ids separated by commas, spaces or lines, repeats dropped, order kept', () => {
    assert.deepEqual(ids(`${ID}, ${SECOND}\n${ID.toUpperCase()}; a3ce929d0e0e4736`), [ID, SECOND, '0000000000000000a3ce929d0e0e4736']);
  });

  test('an id inside a log line is found, the words around it are not', () => {
    assert.deepEqual(ids(`2024-05-01T10:00:00Z ERROR checkout failed trace_id=${ID} span_id=00f067aa0ba902b7 ConfigurationException`), [ID]);
  });
});

describe('URLs', () => {
  test('Jaeger UI trace page, with and without a path prefix and query', () => {
    assert.deepEqual(ids(`http://localhost:16686/trace/${ID}`), [ID]);
    assert.deepEqual(ids(`https://tracing.example.com/jaeger/trace/${ID.toUpperCase()}?uiFind=00f067aa0ba902b7`), [ID]);
    // 31 characters: Jaeger UI links carry the id as the server printed it.
    assert.deepEqual(ids(`https://tracing.example.com/jaeger/trace/${SECOND.slice(1)}`), [SECOND]);
  });

  test('Jaeger UI compare view holds two ids', () => {
    assert.deepEqual(ids(`http://localhost:16686/trace/${ID}...${SECOND}?cohort=${ID}`), [ID, SECOND]);
  });

  test('Zipkin UI trace page', () => {
    assert.deepEqual(ids(`http://zipkin:9411/zipkin/traces/a3ce929d0e0e4736`), ['0000000000000000a3ce929d0e0e4736']);
  });

  test('a link pasted at the end of a sentence keeps working', () => {
    assert.deepEqual(ids(`see http://localhost:16686/trace/${ID}.`), [ID]);
  });

  test('Grafana Explore (panes=, Grafana 10+) with a Tempo query', () => {
    const panes = { x7k: { datasource: 'P214B5B846CF3925F', queries: [{ refId: 'A', datasource: { type: 'tempo', uid: 'P214B5B846CF3925F' }, queryType: 'traceql', query: ID }], range: { from: 'now-1h', to: 'now' } } };
    const url = `https://grafana.example.com/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}&orgId=1`;
    // The data source uid holds 16 hex characters after its "P": it must not be taken as an id.
    assert.deepEqual(ids(url), [ID]);
  });

  test('Grafana Explore, old left=[…] array form with a Jaeger data source', () => {
    const left = ['now-1h', 'now', 'Jaeger', { query: SECOND }];
    assert.deepEqual(ids(`https://grafana.example.com/explore?orgId=1&left=${encodeURIComponent(JSON.stringify(left))}`), [SECOND]);
  });

  test('a URL with a traceId query parameter', () => {
    assert.deepEqual(ids(`https://logs.example.com/view?traceId=${ID}`), [ID]);
  });
});

describe('near misses that must not match', () => {
  const misses: [string, string][] = [
    ['15 hex characters', ID.slice(0, 15)],
    ['17 hex characters', ID.slice(0, 17)],
    ['33 hex characters', ID + 'a'],
    ['a 40-character git sha', '4bf92f3577b34da6a3ce929d0e0e47364bf92f35'],
    ['a 22-letter word that is valid base64, among other words', 'error: ConfigurationException thrown'],
    ['23 base64 characters', base64Of(ID).replace(/=+$/, '') + 'Q'],
    ['16 characters with a non-hex letter', 'span 00f067aa0ba902bz'],
    ['a Jaeger search page (no trace)', 'http://localhost:16686/search?service=frontend'],
    ['Grafana Explore with a TraceQL search, not an id', `https://grafana.example.com/explore?panes=${encodeURIComponent(JSON.stringify({ a: { queries: [{ query: '{ status = error }' }] } }))}`],
    ['the all-zero base64 placeholder', 'AAAAAAAAAAAAAAAAAAAAAA'],
    ['a span id logged as span_id=…', 'span_id=00f067aa0ba902b7'],
    ['empty input', '   '],
  ];
  for (const [name, input] of misses) {
    test(name, () => assert.deepEqual(ids(input), []));
  }

  test('a lone 22-character token is taken as base64 (the user pasted just the id)', () => {
    const noDigits = Buffer.from('ffffffffffffffffffffffffffffffff', 'hex').toString('base64url');
    assert.equal(noDigits, '_____________________w');
    assert.deepEqual(ids(noDigits), ['ffffffffffffffffffffffffffffffff']);
  });
});

describe('the message when nothing is found', () => {
  test('names the hex run and its length', () => {
    assert.equal(describeNoTraceId(extractTraceIds('4bf92f3577b34da6a3ce9')), '"4bf92f3577b34da6a3ce9" is 21 hex characters; a trace id has 32 (or 16 for a 64-bit id).');
  });

  test('names the URL without an id', () => {
    assert.match(describeNoTraceId(extractTraceIds('http://localhost:16686/search?service=x')), /^No trace id found in http:\/\/localhost:16686\/search\?service=x: a Jaeger UI link ends in \/trace\/<id>/);
  });

  test('says what to paste when the text has nothing like an id', () => {
    assert.match(describeNoTraceId(extractTraceIds('hello')), /^No trace id found: paste a trace id/);
  });
});
