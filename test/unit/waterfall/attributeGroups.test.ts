import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exceptionOf, groupAttributes } from '../../../src/core/attributeGroups';

const kv = (key: string, value = 'v') => ({ key, value, type: 'string' });

describe('groupAttributes', () => {
  test('groups by semantic-convention prefix in a fixed order, keeping the order of keys', () => {
    const groups = groupAttributes([kv('zone'), kv('db.system'), kv('http.method'), kv('url.full'), kv('rpc.service'), kv('messaging.system'), kv('exception.type'), kv('db.statement')]);
    assert.deepEqual(groups.map((g) => [g.name, g.attributes.map((a) => a.key)]), [
      ['HTTP', ['http.method', 'url.full']],
      ['Database', ['db.system', 'db.statement']],
      ['RPC', ['rpc.service']],
      ['Messaging', ['messaging.system']],
      ['Exception', ['exception.type']],
      ['Other', ['zone']],
    ]);
  });

  test('no attributes, no groups', () => {
    assert.deepEqual(groupAttributes([]), []);
  });
});

describe('exceptionOf', () => {
  test('reads type, message and stack trace of an OTLP exception event', () => {
    const event = { name: 'exception', attributes: [kv('exception.type', 'IOError'), kv('exception.message', 'disk full'), kv('exception.stacktrace', 'at a\nat b')] };
    assert.deepEqual(exceptionOf(event), { type: 'IOError', message: 'disk full', stackTrace: 'at a\nat b' });
  });

  test('reads a Jaeger/OpenTracing error log (event=error with a message)', () => {
    assert.deepEqual(exceptionOf({ name: 'error', attributes: [kv('message', 'card declined')] }), { type: '', message: 'card declined', stackTrace: '' });
  });

  test('other events are not exceptions', () => {
    assert.equal(exceptionOf({ name: 'cache.miss', attributes: [kv('cache.key', 'k')] }), undefined);
  });
});
