/**
 * A bearer token or password given in the options never appears in any message, whatever goes wrong:
 * messages end up in notifications, logs and bug reports. Run against an in-process server that fails in
 * every way, some of them echoing the credentials back in their error bodies.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BackendResult } from '../../../src/jaeger/backendTypes';
import { HttpClient } from '../../../src/jaeger/httpClient';
import { probeBackend } from '../../../src/jaeger/probeBackend';
import { withFake } from './harness';

const TOKEN = 'tl-secret-token-3f9a7c';
const PASSWORD = 'hunter2-pa55';
const BASIC = Buffer.from(`ann:${PASSWORD}`).toString('base64');

function assertNoSecret(result: BackendResult<unknown>, label: string, secrets: readonly string[] = [TOKEN, PASSWORD, BASIC]): void {
  assert.equal(result.ok, false, `${label} should fail`);
  if (result.ok) return;
  const text = `${result.message} ${result.serverMessage ?? ''}`;
  for (const secret of secrets) assert.ok(!text.includes(secret), `${label} leaks a secret: ${text}`);
}

describe('secrets stay out of messages (in-process server failing in every way)', () => {
  test('bearer token and basic-auth password never appear in any failure message', async () => {
    await withFake({ apis: ['jaeger-v1'] }, async (fake) => {
      fake.misbehave('/api/echo401', { kind: 'reply', reply: { status: 401, contentType: 'text/plain', body: `invalid credentials "${TOKEN}" "${PASSWORD}"` } });
      fake.misbehave('/api/echo500', { kind: 'reply', reply: { status: 500, contentType: 'text/plain', body: `{"errors":[{"code":500,"msg":"upstream rejected Authorization: Bearer ${TOKEN} / Basic ${BASIC}"}]}` } });
      fake.misbehave('/api/echo200', { kind: 'reply', reply: { status: 200, contentType: 'text/plain', body: `token=${TOKEN} password=${PASSWORD} is not json` } });
      fake.misbehave('/api/login', { kind: 'login-page' });
      fake.misbehave('/api/hang', { kind: 'hang' });
      fake.misbehave('/api/cut', { kind: 'truncate' });
      fake.misbehave('/api/huge', { kind: 'huge', bytes: 512 * 1024 });
      fake.misbehave('/api/redirect', { kind: 'reply', reply: { status: 302, headers: { location: `https://sso.example.com/login?token=${TOKEN}` }, body: '' } });
      // Each client must hide its own secrets, even when the server echoes them without a scheme prefix.
      for (const [credentials, own] of [[{ bearerToken: TOKEN }, [TOKEN]], [{ basicAuth: { username: 'ann', password: PASSWORD } }, [PASSWORD, BASIC]]] as const) {
        const http = new HttpClient({ baseUrl: fake.url, timeoutMs: 200, maxResponseBytes: 64 * 1024, ...credentials });
        for (const path of ['/api/nothing', '/api/echo401', '/api/echo500', '/api/echo200', '/api/login', '/api/hang', '/api/cut', '/api/huge', '/api/redirect']) {
          assertNoSecret(await http.getJson(path), path, own);
        }
        assertNoSecret(await http.getJson('/api/hang', {}, AbortSignal.abort()), 'cancelled', own);
        await http.close();
      }
      const closed = new HttpClient({ baseUrl: 'http://127.0.0.1:9', bearerToken: TOKEN });
      assertNoSecret(await closed.getJson('/api/services'), 'unreachable');
      await closed.close();
      // Authorization values of any client, echoed after their scheme, are hidden from every client.
      const anonymous = new HttpClient({ baseUrl: fake.url });
      assertNoSecret(await anonymous.getJson('/api/echo500'), 'echoed Authorization values', [TOKEN, BASIC]);
      await anonymous.close();
      assertNoSecret(await probeBackend({ baseUrl: fake.url.replace('http://', `http://ann:${PASSWORD}@`) + '/nowhere' }), 'probe');
    });
  });
});
