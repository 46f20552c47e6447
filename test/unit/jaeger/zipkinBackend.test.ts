/** The Zipkin client against an in-process server speaking the Zipkin API v2. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ZipkinBackend } from '../../../src/jaeger/zipkinBackend';
import { CHECKOUT_ID, LOGIN_ID, OLD_CHECKOUT_ID, SMALL_TRACES, T0, WINDOW } from '../../fakes/smallTraces';
import { expectFailure, expectOk, withFake } from './harness';

const FAKE = { apis: ['zipkin'], traces: SMALL_TRACES } as const;

describe('Zipkin client against an in-process server speaking the Zipkin API v2', () => {
  test('GET /api/v2/services and /api/v2/spans?serviceName=', async () => {
    await withFake(FAKE, async (fake) => {
      const zipkin = ZipkinBackend.create({ baseUrl: fake.url });
      assert.deepEqual(expectOk(await zipkin.listServices()), ['auth', 'cart', 'frontend', 'payment']);
      assert.deepEqual(expectOk(await zipkin.listOperations('auth')), [{ name: 'POST /login' }, { name: 'db.query' }]);
      assert.equal(fake.requestsTo('/api/v2/spans')[0]?.query.get('serviceName'), 'auth');
      await zipkin.close();
    });
  });

  test('GET /api/v2/traces: endTs and lookback in ms, durations in µs, tags as annotationQuery', async () => {
    await withFake(FAKE, async (fake) => {
      const zipkin = ZipkinBackend.create({ baseUrl: fake.url });
      const hits = expectOk(await zipkin.searchTraces({ service: 'frontend', operation: 'GET /checkout', ...WINDOW, minDurationUs: 100_000, maxDurationUs: 200_000, tags: { customer: 'alice' }, limit: 3 }));
      assert.deepEqual(hits.map((hit) => hit.summary.traceId), [CHECKOUT_ID]);
      assert.equal(hits[0]!.summary.spanCount, 4);
      assert.equal(hits[0]!.summary.startUs, T0);
      const sent = fake.requestsTo('/api/v2/traces')[0]!.query;
      assert.equal(sent.get('serviceName'), 'frontend');
      assert.equal(sent.get('spanName'), 'GET /checkout');
      assert.equal(sent.get('endTs'), String(WINDOW.endUs / 1000));
      assert.equal(sent.get('lookback'), String((WINDOW.endUs - WINDOW.startUs) / 1000));
      assert.equal(sent.get('minDuration'), '100000');
      assert.equal(sent.get('maxDuration'), '200000');
      assert.equal(sent.get('annotationQuery'), 'customer=alice');
      assert.equal(sent.get('limit'), '3');
      const both = expectOk(await zipkin.searchTraces({ ...WINDOW }));
      assert.deepEqual(both.map((hit) => hit.summary.traceId), [CHECKOUT_ID, LOGIN_ID]);
      await zipkin.close();
    });
  });

  test('GET /api/v2/trace/{id}: a 64-bit id is sent as 16 hex characters; an unknown id is not-found', async () => {
    await withFake(FAKE, async (fake) => {
      const zipkin = ZipkinBackend.create({ baseUrl: fake.url });
      const trace = expectOk(await zipkin.getTrace(OLD_CHECKOUT_ID));
      assert.equal(trace.traceId, OLD_CHECKOUT_ID);
      assert.equal(trace.spans.length, 4);
      assert.equal(fake.requests[0]?.path, `/api/v2/trace/${OLD_CHECKOUT_ID.slice(16)}`);
      const failure = expectFailure(await zipkin.getTrace('ffffffffffffffffffffffffffffffff'), 'not-found');
      assert.match(failure.message, /Zipkin has no trace/);
      await zipkin.close();
    });
  });

  test('GET /api/v2/dependencies', async () => {
    await withFake({ ...FAKE, dependencies: [{ parent: 'frontend', child: 'payment', callCount: 3 }] }, async (fake) => {
      const zipkin = ZipkinBackend.create({ baseUrl: fake.url });
      assert.deepEqual(expectOk(await zipkin.listDependencies(T0, 60_000)), [{ parent: 'frontend', child: 'payment', callCount: 3 }]);
      assert.equal(fake.requests[0]?.query.get('endTs'), String(T0 / 1000));
      await zipkin.close();
    });
  });

  test('Zipkin\'s plain-text 400 is passed on', async () => {
    await withFake(FAKE, async (fake) => {
      const zipkin = ZipkinBackend.create({ baseUrl: fake.url });
      const failure = expectFailure(await zipkin.listOperations(''), 'http-error');
      assert.equal(failure.serverMessage, 'serviceName is required');
      await zipkin.close();
    });
  });
});
