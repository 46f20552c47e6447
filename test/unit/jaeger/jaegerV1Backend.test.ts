/**
 * The Jaeger v1 client against an in-process server speaking the Jaeger query API v1 (`/api/...`),
 * answering from the drawn traces in test/fakes/smallTraces.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { JaegerV1Backend } from '../../../src/jaeger/jaegerV1Backend';
import { CHECKOUT_ID, LOGIN_ID, OLD_CHECKOUT_ID, SMALL_TRACES, T0, WINDOW } from '../../fakes/smallTraces';
import { expectFailure, expectOk, withFake } from './harness';

const FAKE = { apis: ['jaeger-v1'], traces: SMALL_TRACES } as const;

describe('Jaeger v1 client against an in-process server speaking the Jaeger query API v1', () => {
  test('GET /api/services lists every service, sorted', async () => {
    await withFake(FAKE, async (fake) => {
      const jaeger = JaegerV1Backend.create({ baseUrl: fake.url });
      assert.deepEqual(expectOk(await jaeger.listServices()), ['auth', 'cart', 'frontend', 'payment']);
      await jaeger.close();
    });
  });

  test('GET /api/operations?service=&spanKind= gives names with span kinds', async () => {
    await withFake(FAKE, async (fake) => {
      const jaeger = JaegerV1Backend.create({ baseUrl: fake.url });
      assert.deepEqual(expectOk(await jaeger.listOperations('frontend')), [
        { name: 'GET /checkout', spanKind: 'server' },
        { name: 'cart.Get', spanKind: 'client' },
      ]);
      assert.deepEqual(expectOk(await jaeger.listOperations('frontend', undefined, 'client')), [{ name: 'cart.Get', spanKind: 'client' }]);
      assert.equal(fake.requests[1]?.query.get('spanKind'), 'client');
      await jaeger.close();
    });
  });

  test('an old Jaeger without /api/operations: falls back to /api/services/{s}/operations', async () => {
    await withFake({ ...FAKE, v1OperationsEndpoint: false }, async (fake) => {
      const jaeger = JaegerV1Backend.create({ baseUrl: fake.url });
      assert.deepEqual(expectOk(await jaeger.listOperations('auth')), [{ name: 'POST /login' }, { name: 'db.query' }]);
      assert.equal(fake.requestsTo('/api/services/auth/operations').length, 1);
      await jaeger.close();
    });
  });

  test('GET /api/traces: service, window in µs and limit select traces; hits carry summary and full trace', async () => {
    await withFake(FAKE, async (fake) => {
      const jaeger = JaegerV1Backend.create({ baseUrl: fake.url });
      const hits = expectOk(await jaeger.searchTraces({ service: 'frontend', ...WINDOW, limit: 10 }));
      assert.deepEqual(hits.map((hit) => hit.summary.traceId), [CHECKOUT_ID]);
      const summary = hits[0]!.summary;
      assert.equal(summary.startUs, T0);
      assert.equal(summary.durationUs, 120_000);
      assert.equal(summary.rootService, 'frontend');
      assert.equal(summary.rootOperation, 'GET /checkout');
      assert.equal(summary.spanCount, 4);
      assert.equal(summary.errorCount, 1);
      assert.deepEqual(summary.services, ['cart', 'frontend', 'payment']);
      assert.equal(hits[0]!.trace?.spans.length, 4);
      const sent = fake.requestsTo('/api/traces')[0]!.query;
      assert.equal(sent.get('start'), String(WINDOW.startUs));
      assert.equal(sent.get('end'), String(WINDOW.endUs));
      assert.equal(sent.get('limit'), '10');
      await jaeger.close();
    });
  });

  test('GET /api/traces: operation, tags (JSON), minDuration/maxDuration filter as Jaeger does', async () => {
    await withFake(FAKE, async (fake) => {
      const jaeger = JaegerV1Backend.create({ baseUrl: fake.url });
      const ids = async (query: Parameters<JaegerV1Backend['searchTraces']>[0]) =>
        expectOk(await jaeger.searchTraces({ ...WINDOW, ...query })).map((hit) => hit.summary.traceId);
      assert.deepEqual(await ids({ service: 'auth', operation: 'db.query' }), [LOGIN_ID]);
      assert.deepEqual(await ids({ service: 'auth', operation: 'charge' }), []);
      assert.deepEqual(await ids({ service: 'auth', tags: { customer: 'bob' } }), [LOGIN_ID]);
      assert.deepEqual(await ids({ service: 'auth', tags: { customer: 'alice' } }), []);
      assert.deepEqual(await ids({ service: 'frontend', minDurationUs: 100_000 }), [CHECKOUT_ID]);
      assert.deepEqual(await ids({ service: 'frontend', maxDurationUs: 100_000 }), []);
      assert.equal(fake.requestsTo('/api/traces')[2]!.query.get('tags'), '{"customer":"bob"}');
      assert.equal(fake.requestsTo('/api/traces')[4]!.query.get('minDuration'), '100000us');
      // Without a window: the last hour before now, which holds none of the 2023 traces.
      assert.deepEqual(expectOk(await jaeger.searchTraces({ service: 'frontend' })), []);
      await jaeger.close();
    });
  });

  test('GET /api/traces without a service: Jaeger\'s 400 message is passed on', async () => {
    await withFake(FAKE, async (fake) => {
      const jaeger = JaegerV1Backend.create({ baseUrl: fake.url });
      const failure = expectFailure(await jaeger.searchTraces({ ...WINDOW }), 'http-error');
      assert.equal(failure.status, 400);
      assert.match(failure.message, /parameter 'service' is required/);
      await jaeger.close();
    });
  });

  test('GET /api/traces/{id} (and ?raw=true) returns the whole trace', async () => {
    await withFake(FAKE, async (fake) => {
      const jaeger = JaegerV1Backend.create({ baseUrl: fake.url });
      const trace = expectOk(await jaeger.getTrace(LOGIN_ID));
      assert.equal(trace.traceId, LOGIN_ID);
      assert.deepEqual(trace.spans.map((span) => span.operation), ['POST /login', 'db.query']);
      const old = expectOk(await jaeger.getTrace(OLD_CHECKOUT_ID, undefined, true));
      assert.equal(old.traceId, OLD_CHECKOUT_ID);
      assert.equal(fake.requests[1]?.query.get('raw'), 'true');
      await jaeger.close();
    });
  });

  test('GET /api/traces/{id} for an unknown id is not-found', async () => {
    await withFake(FAKE, async (fake) => {
      const jaeger = JaegerV1Backend.create({ baseUrl: fake.url });
      const failure = expectFailure(await jaeger.getTrace('ffffffffffffffffffffffffffffffff'), 'not-found');
      assert.match(failure.message, /no trace ffffffffffffffffffffffffffffffff.*trace not found/);
      await jaeger.close();
    });
  });

  test('GET /api/dependencies sends endTs and lookback in milliseconds', async () => {
    const dependencies = [{ parent: 'frontend', child: 'cart', callCount: 7 }];
    await withFake({ ...FAKE, dependencies }, async (fake) => {
      const jaeger = JaegerV1Backend.create({ baseUrl: fake.url });
      assert.deepEqual(expectOk(await jaeger.listDependencies(T0, 3_600_000)), dependencies);
      const sent = fake.requestsTo('/api/dependencies')[0]!.query;
      assert.equal(sent.get('endTs'), String(T0 / 1000));
      assert.equal(sent.get('lookback'), '3600000');
      await jaeger.close();
    });
  });

  test('under a /jaeger base path', async () => {
    await withFake({ ...FAKE, basePath: '/jaeger' }, async (fake) => {
      const jaeger = JaegerV1Backend.create({ baseUrl: fake.url }, '/jaeger');
      assert.equal(expectOk(await jaeger.listServices()).length, 4);
      assert.equal(jaeger.displayUrl, `${fake.url}/jaeger`);
      await jaeger.close();
    });
  });
});
