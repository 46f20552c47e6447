import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redactSecrets, redactingLogger } from '../../../src/kube/kubeLogger';

describe('redactSecrets', () => {
  test('removes known secret values wherever they appear', () => {
    assert.equal(redactSecrets('failed with key abcdefgh12345 in it', ['abcdefgh12345']), 'failed with key [redacted] in it');
  });

  test('removes credential headers and fields even when the value is not known', () => {
    const text = 'headers {"Authorization":"Bearer eyJhbGci.payload.sig"} token: s3cr3t-t0ken client-key-data: LS0tLS1CRUdJTg== Bearer abc.def';
    const redacted = redactSecrets(text);
    for (const secret of ['eyJhbGci', 's3cr3t-t0ken', 'LS0tLS1CRUdJTg', 'abc.def']) assert.ok(!redacted.includes(secret), redacted);
    assert.match(redacted, /token: \[redacted\]/);
  });

  test('removes PEM private keys', () => {
    const redacted = redactSecrets('key -----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY----- end');
    assert.equal(redacted, 'key [redacted] end');
  });

  test('leaves ordinary text alone, including short words that equal a secret', () => {
    assert.equal(redactSecrets('pod kyma-system/jaeger-0 port 16686 is gone', ['jaeger']), 'pod kyma-system/jaeger-0 port 16686 is gone');
  });

  test('the redacting logger passes every line through redaction', () => {
    const lines: string[] = [];
    const logger = redactingLogger({ log: (level, message) => lines.push(`${level} ${message}`) }, () => ['very-secret-value']);
    logger.log('warn', 'sent very-secret-value with Authorization: Bearer xyz');
    assert.deepEqual(lines, ['warn sent [redacted] with Authorization: [redacted]']);
  });
});
