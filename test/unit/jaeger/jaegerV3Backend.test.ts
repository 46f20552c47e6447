/**
 * The Jaeger v3 client against an in-process server speaking Jaeger v2's `/api/v3` HTTP API (OTLP/JSON),
 * in its camelCase (v2.19+), snake_case (before v2.19) and both-spellings variants.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { JaegerV3Backend, rfc3339Nano } from '../../../src/jaeger/jaegerV3Backend';
import { CHECKOUT_ID, LOGIN_ID, SMALL_TRACES, T0, WINDOW } from '../../fakes/smallTraces';
import { expectFailure, expectOk, withFake } from './harness';

const FAKE = { apis: ['jaeger-v3'], traces: SMALL_TRACES } as const;

describe('Jaeger v3 client against an in-process server speaking the Jaeger /api/v3 API', () => {
  test('GET /api/v3/services and /api/v3/operations', async () => {
    await withFake(FAKE, async (fake) => {
      const jaeger = JaegerV3Backend.create({ baseUrl: fake.url });
      assert.deepEqual(expectOk(await jaeger.listServices()), ['auth', 'cart', 'frontend', 'payment']);
      assert.deepEqual(expectOk(await jaeger.listOperations('cart')), [{ name: 'cart.Get', spanKind: 'server' }]);
      assert.deepEqual(expectOk(await jaeger.listOperations('frontend', undefined, 'server')), [{ name: 'GET /checkout', spanKind: 'server' }]);
      assert.equal(fake.requestsTo('/api/v3/operations')[0]?.query.get('service'), 'cart');
      await jaeger.close();
    });
  });

  test('GET /api/v3/traces: the one merged OTLP result is split into one hit per trace id', async () => {
    await withFake(FAKE, async (fake) => {
      const jaeger = JaegerV3Backend.create({ baseUrl: fake.url });
      const hits = expectOk(await jaeger.searchTraces({ ...WINDOW, tags: { customer: 'bob' } }));
      assert.deepEqual(hits.map((hit) => hit.summary.traceId), [LOGIN_ID]);
      const all = expectOk(await jaeger.searchTraces({ ...WINDOW }));
      assert.deepEqual(all.map((hit) => hit.summary.traceId), [CHECKOUT_ID, LOGIN_ID]);
      assert.deepEqual(all.map((hit) => hit.trace?.spans.length), [4, 2]);
      assert.equal(all[0]!.summary.errorCount, 1);
      await jaeger.close();
    });
  });

  test('search parameters: camelCase names, RFC 3339 nanosecond times, Go durations, search depth', async () => {
    await withFake(FAKE, async (fake) => {
      const jaeger = JaegerV3Backend.create({ baseUrl: fake.url });
      const hits = expectOk(await jaeger.searchTraces({ service: 'frontend', operation: 'GET /checkout', ...WINDOW, minDurationUs: 1500, maxDurationUs: 2_000_000, limit: 5 }));
      assert.deepEqual(hits.map((hit) => hit.summary.traceId), [CHECKOUT_ID]);
      const sent = fake.requestsTo('/api/v3/traces')[0]!.query;
      assert.equal(sent.get('query.serviceName'), 'frontend');
      assert.equal(sent.get('query.operationName'), 'GET /checkout');
      assert.equal(sent.get('query.startTimeMin'), '2023-11-14T21:13:20.000000000Z');
      assert.equal(sent.get('query.startTimeMax'), '2023-11-14T23:13:20.000000000Z');
      assert.equal(sent.get('query.durationMin'), '1500us');
      assert.equal(sent.get('query.durationMax'), '2000000us');
      assert.equal(sent.get('query.searchDepth'), '5');
      assert.equal(rfc3339Nano(T0 + 123_456), '2023-11-14T22:13:20.123456000Z');
      await jaeger.close();
    });
  });

  test('a server before v2.19 (snake_case only) answers 400; the client retries in snake_case and remembers', async () => {
    await withFake({ ...FAKE, v3ParamStyle: 'snake_case' }, async (fake) => {
      const jaeger = JaegerV3Backend.create({ baseUrl: fake.url });
      assert.equal(expectOk(await jaeger.searchTraces({ service: 'auth', ...WINDOW })).length, 1);
      const [first, second] = fake.requestsTo('/api/v3/traces');
      assert.ok(first!.query.has('query.startTimeMin'));
      assert.equal(second!.query.get('query.service_name'), 'auth');
      assert.equal(second!.query.get('query.start_time_min'), '2023-11-14T21:13:20.000000000Z');
      assert.equal(jaeger.paramStyle, 'snake_case');
      expectOk(await jaeger.searchTraces({ service: 'auth', ...WINDOW }));
      assert.equal(fake.requestsTo('/api/v3/traces').length, 3, 'the second search goes straight to snake_case');
      await jaeger.close();
    });
  });

  test('a server that dropped snake_case (v2.20+) makes a client that learned snake_case switch back', async () => {
    await withFake({ ...FAKE, v3ParamStyle: 'camelCase' }, async (fake) => {
      const jaeger = JaegerV3Backend.create({ baseUrl: fake.url });
      jaeger.paramStyle = 'snake_case';
      assert.equal(expectOk(await jaeger.searchTraces({ service: 'auth', ...WINDOW })).length, 1);
      assert.equal(jaeger.paramStyle, 'camelCase');
      await jaeger.close();
    });
  });

  test('404 "No traces found" is an empty result, not an error', async () => {
    await withFake(FAKE, async (fake) => {
      const jaeger = JaegerV3Backend.create({ baseUrl: fake.url });
      assert.deepEqual(expectOk(await jaeger.searchTraces({ service: 'nobody', ...WINDOW })), []);
      assert.deepEqual(expectOk(await jaeger.searchTraceSummaries({ service: 'nobody', ...WINDOW })), []);
      await jaeger.close();
    });
  });

  test('GET /api/v3/trace-summaries: summaries from nanosecond strings, no spans', async () => {
    await withFake(FAKE, async (fake) => {
      const jaeger = JaegerV3Backend.create({ baseUrl: fake.url });
      const hits = expectOk(await jaeger.searchTraceSummaries({ service: 'frontend', ...WINDOW }));
      assert.equal(hits.length, 1);
      assert.deepEqual(hits[0], { summary: {
        traceId: CHECKOUT_ID, startUs: T0, durationUs: 120_000, rootService: 'frontend', rootOperation: 'GET /checkout',
        services: ['cart', 'frontend', 'payment'], spanCount: 4, errorCount: 1,
      } });
      await jaeger.close();
    });
  });

  test('a server without trace-summaries answers 404: not-found', async () => {
    await withFake({ ...FAKE, v3TraceSummaries: false }, async (fake) => {
      const jaeger = JaegerV3Backend.create({ baseUrl: fake.url });
      expectFailure(await jaeger.searchTraceSummaries({ ...WINDOW }), 'not-found');
      await jaeger.close();
    });
  });

  test('GET /api/v3/traces/{id}: the trace, or not-found', async () => {
    await withFake(FAKE, async (fake) => {
      const jaeger = JaegerV3Backend.create({ baseUrl: fake.url });
      const trace = expectOk(await jaeger.getTrace(CHECKOUT_ID));
      assert.equal(trace.spans.length, 4);
      assert.equal(trace.spans.find((span) => span.service === 'payment')?.status.code, 'error');
      const failure = expectFailure(await jaeger.getTrace('ffffffffffffffffffffffffffffffff'), 'not-found');
      assert.match(failure.message, /trace not found/);
      await jaeger.close();
    });
  });
});
