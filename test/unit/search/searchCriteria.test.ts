/** The search form → the criteria sent to the backend, and the messages for what cannot be searched. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SEARCH_FORM, criteriaFromForm, parseDurationUs } from '../../../src/core/searchCriteria';
import { parseLogfmtTags } from '../../../src/jaeger/responseShapes';
import type { SearchForm } from '../../../src/protocol/searchMessages';

const NOW_US = 1_700_000_000_000_000;
const form = (changes: Partial<SearchForm>): SearchForm => ({ ...DEFAULT_SEARCH_FORM, service: 'frontend', ...changes });
const criteria = (changes: Partial<SearchForm>) => criteriaFromForm(form(changes), NOW_US, parseLogfmtTags);

describe('parseDurationUs', () => {
  for (const [text, us] of [['250ms', 250_000], ['1.5s', 1_500_000], ['1m30s', 90_000_000], ['500us', 500], ['500µs', 500], ['2h', 7_200_000_000], ['7d', 604_800_000_000], [' 10 ms ', 10_000], ['.5s', 500_000]] as const) {
    test(`"${text}" is ${us} µs`, () => assert.equal(parseDurationUs(text), us));
  }
  for (const text of ['100', 'ms', '1.5 seconds', '-1s', '1s2']) {
    test(`"${text}" is not a duration`, () => assert.equal(parseDurationUs(text), undefined));
  }
});

describe('criteriaFromForm', () => {
  test('a lookback preset ends now and starts that long before', () => {
    assert.deepEqual(criteria({ lookback: '2h' }), { ok: true, criteria: { service: 'frontend', startUs: NOW_US - 7_200_000_000, endUs: NOW_US, limit: 20 } });
  });

  test('operation, tags, durations and limit are all passed on, in microseconds', () => {
    const result = criteria({ operation: 'GET /checkout', tags: 'http.status_code=500 customer="bob smith"', minDuration: '100ms', maxDuration: '2s', limit: 1500 });
    assert.deepEqual(result, {
      ok: true,
      criteria: {
        service: 'frontend', operation: 'GET /checkout', tags: { 'http.status_code': '500', customer: 'bob smith' },
        startUs: NOW_US - 3_600_000_000, endUs: NOW_US, minDurationUs: 100_000, maxDurationUs: 2_000_000, limit: 1500,
      },
    });
  });

  test('errors only asks the backend for error=true', () => {
    const result = criteria({ errorsOnly: true, tags: 'customer=bob' });
    assert.ok(result.ok);
    assert.deepEqual(result.criteria.tags, { customer: 'bob', error: 'true' });
  });

  test('a custom range is taken from milliseconds to microseconds', () => {
    const result = criteria({ lookback: 'custom', customStartMs: 1_699_990_000_000, customEndMs: 1_699_999_000_000 });
    assert.ok(result.ok);
    assert.deepEqual([result.criteria.startUs, result.criteria.endUs], [1_699_990_000_000_000, 1_699_999_000_000_000]);
  });

  const refusals: [string, Partial<SearchForm>, RegExp][] = [
    ['no service', { service: ' ' }, /^Pick a service/],
    ['custom range without an end', { lookback: 'custom', customStartMs: 1 }, /both the start and the end/],
    ['custom range that ends before it starts', { lookback: 'custom', customStartMs: 2000, customEndMs: 1000 }, /ends before it starts/],
    ['a min duration without a unit', { minDuration: '100' }, /^Min duration "100" is not a duration: write a number with a unit/],
    ['a max duration that is not one', { maxDuration: 'soon' }, /^Max duration "soon"/],
    ['min above max', { minDuration: '2s', maxDuration: '1s' }, /no trace can match/],
    ['a limit over Jaeger UI\'s 1500', { limit: 1501 }, /from 1 to 1500/],
  ];
  for (const [name, changes, message] of refusals) {
    test(`refused: ${name}`, () => {
      const result = criteria(changes);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.message, message);
    });
  }
});
