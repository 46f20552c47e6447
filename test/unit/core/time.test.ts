import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TIME_ABSENT, TIME_NOT_A_NUMBER, TIME_OUT_OF_RANGE, nanosToMicros, nanosToUs, readMicros, readUs } from '../../../src/core/time';

describe('nanosToMicros', () => {
  test('truncates nanosecond text to microseconds exactly, without a float', () => {
    assert.deepEqual(nanosToMicros('1700000000123456789'), { ok: true, us: 1700000000123456 });
    // Through a double this would come out as ...123457 (1700000000123456789 / 1000 rounds up).
    assert.deepEqual(nanosToMicros('1782036644636668325'), { ok: true, us: 1782036644636668 });
    assert.deepEqual(nanosToMicros('999'), { ok: true, us: 0 });
    assert.deepEqual(nanosToMicros('1000'), { ok: true, us: 1 });
  });
  test('accepts a JSON number of nanoseconds', () => {
    assert.deepEqual(nanosToMicros(1_500_000), { ok: true, us: 1500 });
  });
  test('absent is undefined; garbage is not-a-number', () => {
    assert.equal(nanosToMicros(undefined), undefined);
    assert.equal(nanosToMicros(null), undefined);
    assert.deepEqual(nanosToMicros('12x4'), { ok: false, problem: 'not-a-number' });
    assert.deepEqual(nanosToMicros(''), { ok: false, problem: 'not-a-number' });
    assert.deepEqual(nanosToMicros(true), { ok: false, problem: 'not-a-number' });
  });
  test("Go's zero time as uint64 is out of range, not silently rounded", () => {
    assert.deepEqual(nanosToMicros('11651379494838206464'), { ok: false, problem: 'out-of-range' });
  });
});

describe('readMicros', () => {
  test('reads Jaeger/Zipkin microsecond numbers and their text', () => {
    assert.deepEqual(readMicros(1571326774777373), { ok: true, us: 1571326774777373 });
    assert.deepEqual(readMicros('4199'), { ok: true, us: 4199 });
    assert.deepEqual(readMicros(12.9), { ok: true, us: 12 });
  });
  test('rejects text that is not a number and negative values', () => {
    assert.deepEqual(readMicros('invalid'), { ok: false, problem: 'not-a-number' });
    assert.deepEqual(readMicros(-5), { ok: false, problem: 'not-a-number' });
    assert.equal(readMicros(undefined), undefined);
  });
});

describe('number-valued forms (used by the parsers to allocate nothing per span)', () => {
  test('agree with the result forms, with negative codes for the problems', () => {
    assert.equal(nanosToUs('1700000000123456789'), 1700000000123456);
    assert.equal(nanosToUs(undefined), TIME_ABSENT);
    assert.equal(nanosToUs('12x4'), TIME_NOT_A_NUMBER);
    assert.equal(nanosToUs('11651379494838206464'), TIME_OUT_OF_RANGE);
    assert.equal(readUs(4199), 4199);
    assert.equal(readUs(null), TIME_ABSENT);
    assert.equal(readUs('invalid'), TIME_NOT_A_NUMBER);
    assert.equal(readUs(2 ** 60), TIME_OUT_OF_RANGE);
  });
});
