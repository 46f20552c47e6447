/** The Tempo client against an in-process server speaking Grafana Tempo's HTTP API. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TempoBackend } from '../../../src/jaeger/tempoBackend';
import { CHECKOUT_ID, LOGIN_ID, OLD_CHECKOUT_ID, SMALL_TRACES, T0, WINDOW } from '../../fakes/smallTraces';
import { expectFailure, expectOk, withFake } from './harness';

const FAKE = { apis: ['tempo'], traces: SMALL_TRACES } as const;

describe('Tempo client against an in-process server speaking the Tempo HTTP API', () => {
  test('GET /api/echo and /api/search/tags', async () => {
    await withFake(FAKE, async (fake) => {
      const tempo = TempoBackend.create({ baseUrl: fake.url });
      assert.equal(expectOk(await tempo.echo()), 'echo');
      assert.deepEqual(expectOk(await tempo.searchTags()), ['customer', 'http.method', 'name', 'service.name']);
      await tempo.close();
    });
  });

  test('services and operations from /api/v2/search/tag/{tag}/values, operations narrowed by TraceQL', async () => {
    await withFake(FAKE, async (fake) => {
      const tempo = TempoBackend.create({ baseUrl: fake.url });
      assert.deepEqual(expectOk(await tempo.listServices()), ['auth', 'cart', 'frontend', 'payment']);
      assert.deepEqual(expectOk(await tempo.listOperations('frontend')), [{ name: 'GET /checkout' }, { name: 'cart.Get' }]);
      assert.equal(fake.requestsTo('/api/v2/search/tag/name/values')[0]?.query.get('q'), '{ resource.service.name = "frontend" }');
      await tempo.close();
    });
  });

  test('a Tempo without the v2 endpoints: tag values and traces come from the v1 routes', async () => {
    await withFake({ ...FAKE, tempoV2: false }, async (fake) => {
      const tempo = TempoBackend.create({ baseUrl: fake.url });
      assert.deepEqual(expectOk(await tempo.listServices()), ['auth', 'cart', 'frontend', 'payment']);
      const trace = expectOk(await tempo.getTrace(LOGIN_ID));
      assert.equal(trace.spans.length, 2);
      assert.deepEqual(fake.requests.map((request) => request.path).slice(-2), [`/api/v2/traces/${LOGIN_ID}`, `/api/traces/${LOGIN_ID}`]);
      await tempo.close();
    });
  });

  test('GET /api/search with logfmt tags: start/end in seconds, summaries with serviceStats counts', async () => {
    await withFake(FAKE, async (fake) => {
      const tempo = TempoBackend.create({ baseUrl: fake.url });
      const hits = expectOk(await tempo.searchTraces({ service: 'frontend', operation: 'GET /checkout', tags: { 'http.method': 'GET' }, ...WINDOW, minDurationUs: 100_000, limit: 7 }));
      assert.deepEqual(hits, [{ summary: {
        traceId: CHECKOUT_ID, startUs: T0, durationUs: 120_000, rootService: 'frontend', rootOperation: 'GET /checkout',
        services: ['cart', 'frontend', 'payment'], spanCount: 4, errorCount: 1,
      } }]);
      const sent = fake.requestsTo('/api/search')[0]!.query;
      assert.equal(sent.get('tags'), 'service.name=frontend name="GET /checkout" http.method=GET');
      assert.equal(sent.get('start'), String(WINDOW.startUs / 1_000_000));
      assert.equal(sent.get('end'), String(WINDOW.endUs / 1_000_000));
      assert.equal(sent.get('minDuration'), '100000us');
      assert.equal(sent.get('limit'), '7');
      assert.equal(sent.has('q'), false);
      await tempo.close();
    });
  });

  test('GET /api/search with TraceQL q=; Tempo\'s trimmed trace ids come back as 32 hex', async () => {
    await withFake(FAKE, async (fake) => {
      const tempo = TempoBackend.create({ baseUrl: fake.url });
      const everything = { startUs: T0 - 3 * 86_400_000_000, endUs: T0 + 3_600_000_000 };
      const hits = expectOk(await tempo.searchTraces({ traceQl: '{ resource.service.name = "cart" }', ...everything }));
      assert.deepEqual(hits.map((hit) => hit.summary.traceId), [CHECKOUT_ID, OLD_CHECKOUT_ID]);
      assert.equal(fake.requestsTo('/api/search')[0]!.query.get('q'), '{ resource.service.name = "cart" }');
      const failure = expectFailure(await tempo.searchTraces({ traceQl: 'not traceql', ...everything }), 'http-error');
      assert.match(failure.message, /invalid TraceQL query/);
      await tempo.close();
    });
  });

  test('GET /api/v2/traces/{id}: the trace; an unknown id is not-found after trying both routes', async () => {
    await withFake(FAKE, async (fake) => {
      const tempo = TempoBackend.create({ baseUrl: fake.url });
      const trace = expectOk(await tempo.getTrace(CHECKOUT_ID));
      assert.deepEqual([...new Set(trace.spans.map((span) => span.service))], ['frontend', 'cart', 'payment']);
      const failure = expectFailure(await tempo.getTrace('ffffffffffffffffffffffffffffffff'), 'not-found');
      assert.match(failure.message, /Tempo has no trace/);
      await tempo.close();
    });
  });

  test('a multi-tenant Tempo gets its X-Scope-OrgID header', async () => {
    await withFake(FAKE, async (fake) => {
      const tempo = TempoBackend.create({ baseUrl: fake.url, headers: { 'X-Scope-OrgID': 'team-a' } });
      expectOk(await tempo.echo());
      assert.equal(fake.requests[0]?.headers['x-scope-orgid'], 'team-a');
      await tempo.close();
    });
  });
});
