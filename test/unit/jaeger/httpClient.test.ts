/**
 * The shared HTTP plumbing (src/jaeger/httpClient.ts) against an in-process HTTP server: every way a
 * request can fail becomes a typed result whose message says what to do and never leaks a secret.
 */
import assert from 'node:assert/strict';
import diagnostics from 'node:diagnostics_channel';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { HttpClient } from '../../../src/jaeger/httpClient';
import { expectFailure, expectOk, withFake } from './harness';

const JAEGER = { apis: ['jaeger-v1'] } as const;

describe('HTTP plumbing against an in-process server', () => {
  test('a 2xx JSON answer is parsed, with Accept and Accept-Encoding headers sent', async () => {
    await withFake({ ...JAEGER, replay: { '/api/thing': { body: '{"a":[1,2]}' } } }, async (fake) => {
      const http = new HttpClient({ baseUrl: `${fake.url}/` });
      assert.deepEqual(expectOk(await http.getJson('/api/thing', { x: 'y z', skip: undefined })), { a: [1, 2] });
      const [request] = fake.requests;
      assert.equal(request?.query.get('x'), 'y z');
      assert.equal(request?.query.has('skip'), false);
      assert.match(String(request?.headers.accept), /application\/json/);
      assert.match(String(request?.headers['accept-encoding']), /gzip/);
      await http.close();
    });
  });

  test('a gzip-compressed answer is decompressed', async () => {
    const body = JSON.stringify({ services: Array.from({ length: 500 }, (_, i) => `service-${i}`) });
    await withFake({ ...JAEGER, gzip: true, replay: { '/api/big': { body } } }, async (fake) => {
      const http = new HttpClient({ baseUrl: fake.url });
      const value = expectOk(await http.getJson('/api/big')) as { services: string[] };
      assert.equal(value.services.length, 500);
      assert.equal(value.services[499], 'service-499');
      assert.equal(fake.gzippedResponses, 1, 'the answer really travelled compressed');
      await http.close();
    });
  });

  test('404 is not-found with the server\'s words', async () => {
    await withFake(JAEGER, async (fake) => {
      const http = new HttpClient({ baseUrl: fake.url });
      const failure = expectFailure(await http.getJson('/api/nothing-here'), 'not-found');
      assert.equal(failure.status, 404);
      assert.match(failure.message, /404/);
      assert.match(failure.message, /\/api\/nothing-here/);
      await http.close();
    });
  });

  test('500 with a Jaeger JSON error envelope sent as text/plain: the server message is extracted', async () => {
    await withFake(JAEGER, async (fake) => {
      fake.misbehave('/api/services', { kind: 'reply', reply: {
        status: 500, contentType: 'text/plain; charset=utf-8',
        body: '{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":500,"msg":"cassandra: no hosts available"}]}',
      } });
      const http = new HttpClient({ baseUrl: fake.url });
      const failure = expectFailure(await http.getJson('/api/services'), 'http-error');
      assert.equal(failure.status, 500);
      assert.equal(failure.serverMessage, 'cassandra: no hosts available');
      assert.match(failure.message, /HTTP 500: cassandra: no hosts available/);
      await http.close();
    });
  });

  test('an auth proxy\'s HTML login page is auth-required, saying to set a token or open a browser', async () => {
    await withFake(JAEGER, async (fake) => {
      fake.misbehave('', { kind: 'login-page' });
      const http = new HttpClient({ baseUrl: fake.url });
      const failure = expectFailure(await http.getJson('/api/services'), 'auth-required');
      assert.match(failure.message, /HTML page \(an auth proxy's login page\?\): set a bearer token or open it in a browser/);
      await http.close();
    });
  });

  test('a redirect to a login page is auth-required; 401 asks for credentials', async () => {
    await withFake(JAEGER, async (fake) => {
      fake.misbehave('/api/a', { kind: 'reply', reply: { status: 302, headers: { location: 'https://sso.example.com/oauth2/start?state=secret-state' }, body: '' } });
      fake.misbehave('/api/b', { kind: 'reply', reply: { status: 401, contentType: 'text/plain', body: 'Unauthorized' } });
      const http = new HttpClient({ baseUrl: fake.url });
      const redirected = expectFailure(await http.getJson('/api/a'), 'auth-required');
      assert.match(redirected.message, /login page \(https:\/\/sso\.example\.com\/oauth2\/start\)/);
      assert.doesNotMatch(redirected.message, /secret-state/);
      const unauthorized = expectFailure(await http.getJson('/api/b'), 'auth-required');
      assert.match(unauthorized.message, /401.*bearer token or basic auth/);
      await http.close();
    });
  });

  test('a server that never answers is a timeout naming the limit', async () => {
    await withFake(JAEGER, async (fake) => {
      fake.misbehave('', { kind: 'hang' });
      const http = new HttpClient({ baseUrl: fake.url, timeoutMs: 150 });
      const failure = expectFailure(await http.getJson('/api/services'), 'timeout');
      assert.match(failure.message, /within 150 ms/);
      await http.close();
    });
  });

  test('a body cut off mid-way (connection closed before Content-Length bytes) is bad-response, "cut off"', async () => {
    await withFake(JAEGER, async (fake) => {
      fake.misbehave('', { kind: 'truncate' });
      const http = new HttpClient({ baseUrl: fake.url });
      const failure = expectFailure(await http.getJson('/api/services'), 'bad-response');
      assert.match(failure.message, /cut off/);
      await http.close();
    });
  });

  test('a complete answer holding truncated JSON is bad-response, "ended early"', async () => {
    await withFake({ ...JAEGER, replay: { '/api/services': { body: '{"data":["frontend","ca' } } }, async (fake) => {
      const http = new HttpClient({ baseUrl: fake.url });
      const failure = expectFailure(await http.getJson('/api/services'), 'bad-response');
      assert.match(failure.message, /ended early/);
      await http.close();
    });
  });

  test('a streamed answer over the size cap is too-large, and the transfer is stopped', async () => {
    await withFake(JAEGER, async (fake) => {
      fake.misbehave('', { kind: 'huge', bytes: 8 * 1024 * 1024 });
      const http = new HttpClient({ baseUrl: fake.url, maxResponseBytes: 256 * 1024 });
      const failure = expectFailure(await http.getJson('/api/traces'), 'too-large');
      assert.match(failure.message, /larger than the 0\.3 MB limit.*narrow the search/);
      await http.close();
    });
  });

  test('a declared Content-Length over the cap is refused before reading; under the cap it is read', async () => {
    await withFake(JAEGER, async (fake) => {
      fake.misbehave('/api/large', { kind: 'huge', bytes: 2 * 1024 * 1024, declareLength: true });
      fake.misbehave('/api/small', { kind: 'huge', bytes: 100 * 1024, declareLength: true });
      const http = new HttpClient({ baseUrl: fake.url, maxResponseBytes: 1024 * 1024 });
      expectFailure(await http.getJson('/api/large'), 'too-large');
      const small = expectOk(await http.getJson('/api/small')) as { padding: string };
      assert.equal(small.padding.length, 100 * 1024 - '{"data":[],"padding":""}'.length);
      await http.close();
    });
  });

  test('a gzip body that decompresses beyond the cap is too-large (a small download is not enough)', async () => {
    const bomb = gzipSync(Buffer.from(`{"padding":"${'x'.repeat(4 * 1024 * 1024)}"}`));
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length });
      response.end(bomb);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const http = new HttpClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxResponseBytes: 1024 * 1024 });
    try {
      assert.ok(bomb.length < 1024 * 1024);
      expectFailure(await http.getJson('/api/anything'), 'too-large');
    } finally {
      await http.close();
      server.closeAllConnections();
      server.close();
    }
  });

  test('cancelling while waiting for the answer is cancelled, not timeout', async () => {
    await withFake(JAEGER, async (fake) => {
      fake.misbehave('', { kind: 'hang' });
      const http = new HttpClient({ baseUrl: fake.url });
      const controller = new AbortController();
      const pending = http.getJson('/api/services', {}, controller.signal);
      await fake.nextRequest();
      controller.abort();
      const failure = expectFailure(await pending, 'cancelled');
      assert.match(failure.message, /cancelled/);
      await http.close();
    });
  });

  test('cancelling in the middle of the body is cancelled', async () => {
    await withFake(JAEGER, async (fake) => {
      fake.misbehave('', { kind: 'stall-body' });
      const http = new HttpClient({ baseUrl: fake.url });
      const controller = new AbortController();
      // undici announces on this channel when the response headers have arrived: abort exactly then, mid-body.
      const headersArrived = (): void => controller.abort();
      diagnostics.subscribe('undici:request:headers', headersArrived);
      try {
        expectFailure(await http.getText('/api/services', {}, controller.signal), 'cancelled');
      } finally {
        diagnostics.unsubscribe('undici:request:headers', headersArrived);
      }
      assert.equal(fake.requests.length, 1);
      await http.close();
    });
  });

  test('an already-aborted signal sends nothing', async () => {
    await withFake(JAEGER, async (fake) => {
      const http = new HttpClient({ baseUrl: fake.url });
      expectFailure(await http.getJson('/api/services', {}, AbortSignal.abort()), 'cancelled');
      assert.equal(fake.requests.length, 0);
      await http.close();
    });
  });

  test('a port nobody listens on is unreachable, saying to check the URL and port-forward', async () => {
    const fake = await withFake(JAEGER, async (server) => server.url);
    const http = new HttpClient({ baseUrl: fake });
    const failure = expectFailure(await http.getJson('/api/services'), 'unreachable');
    assert.match(failure.message, /ECONNREFUSED.*port-forward/);
    await http.close();
  });

  test('credentials: bearer token and headers are sent; URL credentials become basic auth and leave the URL', async () => {
    await withFake(JAEGER, async (fake) => {
      const bearer = new HttpClient({ baseUrl: fake.url, bearerToken: 'tok-123456', headers: { 'X-Scope-OrgID': 'tenant-a' } });
      await bearer.getJson('/api/services');
      assert.equal(fake.requests[0]?.headers.authorization, 'Bearer tok-123456');
      assert.equal(fake.requests[0]?.headers['x-scope-orgid'], 'tenant-a');
      const basic = new HttpClient({ baseUrl: fake.url.replace('http://', 'http://ann:pa%24%24word@') });
      assert.doesNotMatch(basic.baseUrl, /ann|word/);
      await basic.getJson('/api/services');
      assert.equal(fake.requests[1]?.headers.authorization, `Basic ${Buffer.from('ann:pa$$word').toString('base64')}`);
      await bearer.close();
      await basic.close();
    });
  });
});
