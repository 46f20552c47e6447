/**
 * Probing a URL, and the Jaeger client's v1 ⇄ v3 fallback, against in-process servers speaking each
 * backend's HTTP API (and one that speaks none of them).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { JaegerBackend } from '../../../src/jaeger/jaegerBackend';
import { createBackend, openBackend, probeBackend } from '../../../src/jaeger/probeBackend';
import { ZipkinBackend } from '../../../src/jaeger/zipkinBackend';
import { JaegerV1Backend } from '../../../src/jaeger/jaegerV1Backend';
import { CHECKOUT_ID, LOGIN_ID, SMALL_TRACES, WINDOW } from '../../fakes/smallTraces';
import { expectFailure, expectOk, withFake } from './harness';

const traces = SMALL_TRACES;

describe('probeBackend against in-process servers speaking each backend API', () => {
  for (const [apis, kind] of [
    [['jaeger-v1'], 'jaeger-v1'],
    [['jaeger-v3', 'jaeger-v1'], 'jaeger-v3'],
    [['zipkin'], 'zipkin'],
    [['tempo'], 'tempo'],
  ] as const) {
    test(`a server speaking ${apis.join(' + ')} is ${kind}`, async () => {
      await withFake({ apis, traces }, async (fake) => {
        const probe = expectOk(await probeBackend({ baseUrl: fake.url }));
        assert.equal(probe.kind, kind);
        assert.equal(probe.basePath, '');
        assert.deepEqual([...probe.available].sort(), [...apis].sort());
      });
    });
  }

  test('Jaeger behind an ingress under /jaeger is found with basePath /jaeger, and openBackend uses it', async () => {
    await withFake({ apis: ['jaeger-v1', 'jaeger-v3'], traces, basePath: '/jaeger' }, async (fake) => {
      const probe = expectOk(await probeBackend({ baseUrl: fake.url }));
      assert.deepEqual({ kind: probe.kind, basePath: probe.basePath }, { kind: 'jaeger-v3', basePath: '/jaeger' });
      const backend = expectOk(await openBackend({ baseUrl: fake.url }));
      assert.equal(backend.displayUrl, `${fake.url}/jaeger`);
      assert.equal(expectOk(await backend.listServices()).length, 4);
      await backend.close();
    });
  });

  test('a server of the wrong kind (JSON, but none of the APIs) is not-a-trace-backend', async () => {
    await withFake({ apis: [], replay: { '*': { body: '{"status":"ok","version":"1.2.3"}' } } }, async (fake) => {
      const failure = expectFailure(await probeBackend({ baseUrl: fake.url }), 'not-a-trace-backend');
      assert.match(failure.message, /does not answer like Jaeger, Zipkin or Tempo/);
      const jaeger = JaegerV1Backend.create({ baseUrl: fake.url });
      expectFailure(await jaeger.listServices(), 'not-a-trace-backend');
      await jaeger.close();
    });
  });

  test('a client of the wrong kind (Zipkin at a Jaeger) fails not-found on its first call', async () => {
    await withFake({ apis: ['jaeger-v1'], traces }, async (fake) => {
      const zipkin = ZipkinBackend.create({ baseUrl: fake.url });
      const failure = expectFailure(await zipkin.listServices(), 'not-found');
      assert.match(failure.message, /\/api\/v2\/services answered 404/);
      await zipkin.close();
    });
  });

  test('behind an auth proxy that shows a login page, the probe says auth-required', async () => {
    await withFake({ apis: ['jaeger-v1'], traces }, async (fake) => {
      fake.misbehave('', { kind: 'login-page' });
      const failure = expectFailure(await probeBackend({ baseUrl: fake.url }), 'auth-required');
      assert.match(failure.message, /set a bearer token or open it in a browser/);
    });
  });

  test('an unreachable URL stops the probe at once', async () => {
    const url = await withFake({ apis: [] }, async (fake) => fake.url);
    expectFailure(await probeBackend({ baseUrl: url }), 'unreachable');
    expectFailure(await probeBackend({ baseUrl: 'not a url' }), 'unreachable');
  });
});

describe('JaegerBackend v1 ⇄ v3 fallback against an in-process Jaeger server', () => {
  test('a Jaeger whose v1 search endpoints were removed: a v1-preferring client falls back to /api/v3 and remembers', async () => {
    await withFake({ apis: ['jaeger-v3'], traces }, async (fake) => {
      const jaeger = createBackend({ baseUrl: fake.url }, 'jaeger-v1') as JaegerBackend;
      assert.deepEqual(expectOk(await jaeger.searchTraces({ ...WINDOW })).map((hit) => hit.summary.traceId), [CHECKOUT_ID, LOGIN_ID]);
      assert.equal(expectOk(await jaeger.getTrace(LOGIN_ID)).spans.length, 2);
      expectOk(await jaeger.searchTraces({ ...WINDOW }));
      assert.equal(fake.requestsTo('/api/traces').length, 1, 'the second search went straight to /api/v3');
      await jaeger.close();
    });
  });

  test('a Jaeger without /api/v3: a v3-preferring client falls back to v1', async () => {
    await withFake({ apis: ['jaeger-v1'], traces }, async (fake) => {
      const jaeger = createBackend({ baseUrl: fake.url }, 'jaeger-v3');
      assert.deepEqual(expectOk(await jaeger.listServices()), ['auth', 'cart', 'frontend', 'payment']);
      assert.deepEqual(expectOk(await jaeger.listOperations('cart')), [{ name: 'cart.Get', spanKind: 'server' }]);
      assert.deepEqual(expectOk(await jaeger.searchTraces({ service: 'auth', ...WINDOW })).map((hit) => hit.summary.traceId), [LOGIN_ID]);
      await jaeger.close();
    });
  });

  test('a trace missing from both APIs is not-found', async () => {
    await withFake({ apis: ['jaeger-v1', 'jaeger-v3'], traces }, async (fake) => {
      const jaeger = createBackend({ baseUrl: fake.url }, 'jaeger-v3');
      expectFailure(await jaeger.getTrace('ffffffffffffffffffffffffffffffff'), 'not-found');
      await jaeger.close();
    });
  });
});
