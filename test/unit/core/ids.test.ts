import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { base64ToHex } from '../../../src/core/base64';
import { normalizeSpanId, normalizeTraceId } from '../../../src/core/ids';

describe('normalizeTraceId', () => {
  test('keeps a 32-char lowercase hex id as it is', () => {
    assert.equal(normalizeTraceId('2ea75461946a7dd10f2c15ab36a076cb'), '2ea75461946a7dd10f2c15ab36a076cb');
  });
  test('lowercases uppercase hex (the OTLP spec example)', () => {
    assert.equal(normalizeTraceId('5B8EFFF798038103D269B633813FC60C'), '5b8efff798038103d269b633813fc60c');
  });
  test('left-pads a 64-bit id and an old Jaeger/Tempo id whose leading zero was stripped', () => {
    assert.equal(normalizeTraceId('2be38093ead7a083'), '00000000000000002be38093ead7a083');
    assert.equal(normalizeTraceId('df84e36b9e2ee3815d07f0867a5be1f'), '0df84e36b9e2ee3815d07f0867a5be1f');
  });
  test('decodes base64 of 16 bytes (Jaeger <= 1.53 grpc-gateway)', () => {
    // `echo AAAAAAAAAJYAAAAAAAAAoA== | base64 -d | xxd -p`
    assert.equal(normalizeTraceId('AAAAAAAAAJYAAAAAAAAAoA=='), '000000000000009600000000000000a0');
    assert.equal(normalizeTraceId('AAAAAAAAAJYAAAAAAAAAoA'), '000000000000009600000000000000a0');
  });
  test('keeps non-hex ids verbatim as opaque ids', () => {
    assert.equal(normalizeTraceId('trace-123'), 'trace-123');
    assert.equal(normalizeTraceId('not base64 at all!!!!!!!'), 'not base64 at all!!!!!!!');
  });
  test('keeps over-long hex rather than truncating it into a collision', () => {
    assert.equal(normalizeTraceId('A'.repeat(40)), 'a'.repeat(40));
  });
});

describe('normalizeSpanId', () => {
  test('pads a 15-char span id (petclinic) and lowercases', () => {
    assert.equal(normalizeSpanId('ec2b4e0bcea566d'), '0ec2b4e0bcea566d');
    assert.equal(normalizeSpanId('EEE19B7EC3C1B174'), 'eee19b7ec3c1b174');
  });
  test('decodes base64 of 8 bytes', () => {
    assert.equal(normalizeSpanId('AAAAAAAAALQ='), '00000000000000b4');
  });
  test('a 16-char id made only of hex digits is hex, not base64', () => {
    assert.equal(normalizeSpanId('0000000000000002'), '0000000000000002');
  });
  test('keeps "span-1" opaque', () => {
    assert.equal(normalizeSpanId('span-1'), 'span-1');
  });
});

describe('base64ToHex', () => {
  test('decodes standard and URL-safe alphabets, with or without padding', () => {
    assert.equal(base64ToHex('AAAwOQ=='), '00003039');
    assert.equal(base64ToHex('AAAwOQ'), '00003039');
    assert.equal(base64ToHex('-_8='), 'fbff');
    assert.equal(base64ToHex('+/8='), 'fbff');
  });
  test('rejects non-base64 text and wrong lengths', () => {
    assert.equal(base64ToHex('ab$d'), undefined);
    assert.equal(base64ToHex('AAAwOQ==', 8), undefined);
    assert.equal(base64ToHex('A'), undefined);
  });
});
