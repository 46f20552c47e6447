/**
 * TLS options (custom CA, insecure) against an in-process HTTPS server with a self-signed certificate, and
 * the input helpers: base URLs and the logfmt tag filters users type.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { HttpClient } from '../../../src/jaeger/httpClient';
import { formatLogfmtTags, parseLogfmtTags } from '../../../src/jaeger/responseShapes';
import { expectFailure, expectOk } from './harness';

/** A self-signed certificate for 127.0.0.1, made with the openssl CLI; undefined when it is not installed. */
function selfSignedCertificate(): { key: string; cert: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'trace-lens-tls-'));
  try {
    const made = spawnSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    if (made.status !== 0) return undefined;
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const certificate = selfSignedCertificate();

describe('TLS options against an in-process HTTPS server with a self-signed certificate', () => {
  if (certificate === undefined) {
    test.skip('SKIPPED: the openssl command is not available to make a test certificate');
    return;
  }
  test('untrusted by default (a TLS message saying what to do); trusted with the CA, or with insecureTls', async () => {
    const server = createServer(certificate, (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"data":["frontend"]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const clients = [new HttpClient({ baseUrl }), new HttpClient({ baseUrl, caCertificates: certificate.cert }), new HttpClient({ baseUrl, insecureTls: true })];
    try {
      const [plain, withCa, insecure] = clients;
      const failure = expectFailure(await plain!.getJson('/api/services'), 'unreachable');
      assert.match(failure.message, /TLS certificate .* not trusted.*certificate authority.*insecure TLS/);
      assert.deepEqual(expectOk(await withCa!.getJson('/api/services')), { data: ['frontend'] });
      assert.deepEqual(expectOk(await insecure!.getJson('/api/services')), { data: ['frontend'] });
    } finally {
      await Promise.all(clients.map((client) => client.close()));
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('input helpers', () => {
  test('a base URL that is not http(s) fails every request as unreachable, without throwing', async () => {
    for (const baseUrl of ['localhost:16686', 'not a url', 'ftp://example.com']) {
      const http = new HttpClient({ baseUrl });
      const failure = expectFailure(await http.getJson('/api/services'), 'unreachable');
      assert.match(failure.message, /is not an http\(s\) URL: enter it like http:\/\/localhost:16686/);
      await http.close();
    }
  });

  test('a trailing slash, query and credentials are removed from the base URL', () => {
    assert.equal(new HttpClient({ baseUrl: 'http://ann:pw@tracing.local:80/jaeger/?x=1#y' }).baseUrl, 'http://tracing.local/jaeger');
  });

  test('logfmt tags: bare keys, quoted values with spaces and escapes, round trip', () => {
    const tags = parseLogfmtTags('error http.status_code=500 msg="card declined: \\"insufficient\\"" region=eu-west-1');
    assert.deepEqual(tags, { error: '', 'http.status_code': '500', msg: 'card declined: "insufficient"', region: 'eu-west-1' });
    assert.deepEqual(parseLogfmtTags(formatLogfmtTags(tags)), tags);
    assert.deepEqual(parseLogfmtTags('   '), {});
  });
});
