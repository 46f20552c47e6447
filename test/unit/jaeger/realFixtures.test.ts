/**
 * The clients against an in-process server replaying REAL responses from ../shared/fixtures/traces (Jaeger
 * v2's /api/v3 snapshots, Tempo search answers from Kiali's tests, Jaeger UI / Zipkin Lens trace files,
 * Jaeger dependency graphs), byte for byte.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { FakeReply } from '../../fakes/fakeTraceBackend';
import { JaegerV1Backend } from '../../../src/jaeger/jaegerV1Backend';
import { JaegerV3Backend } from '../../../src/jaeger/jaegerV3Backend';
import { TempoBackend } from '../../../src/jaeger/tempoBackend';
import { ZipkinBackend } from '../../../src/jaeger/zipkinBackend';
import { expectOk, withFake } from './harness';

const FIXTURES = '../shared/fixtures/traces';
const read = (file: string): FakeReply => ({ body: readFileSync(join(FIXTURES, file), 'utf8') });
const WINDOW = { startUs: 0, endUs: 2_000_000_000_000_000 };
const ID = 'abcdef0123456789abcdef0123456789';

if (!existsSync(FIXTURES)) {
  test.skip(`SKIPPED: ${FIXTURES} not found`);
} else {
  describe('clients against an in-process server replaying real backend responses', () => {
    test('Jaeger /api/v3 snapshots: services, operations, traces, trace, trace-summaries', async () => {
      const replay = {
        '/api/v3/services': read('jaeger-v3/snapshot-GetServices.json'),
        '/api/v3/operations': read('jaeger-v3/snapshot-GetOperations.json'),
        '/api/v3/traces': read('jaeger-v3/snapshot-FindTraces.json'),
        [`/api/v3/traces/${ID}`]: read('jaeger-v3/snapshot-GetTrace.json'),
        '/api/v3/trace-summaries': read('jaeger-v3/snapshot-FindTraceSummaries.json'),
        '/api/v3/traces/hotrod': read('jaeger-v3/hotrod-get-trace-40-spans.json'),
      };
      await withFake({ apis: [], replay }, async (fake) => {
        const jaeger = JaegerV3Backend.create({ baseUrl: fake.url });
        assert.deepEqual(expectOk(await jaeger.listServices()), ['foo']);
        assert.deepEqual(expectOk(await jaeger.listOperations('foo')), [{ name: 'get_users', spanKind: 'server' }]);
        const hits = expectOk(await jaeger.searchTraces({ ...WINDOW }));
        assert.deepEqual(hits.map((hit) => [hit.summary.traceId, hit.summary.rootOperation, hit.summary.errorCount]), [['00000000000000000000000000000001', 'foobar', 1]]);
        assert.equal(expectOk(await jaeger.getTrace(ID)).spans[0]?.spanId, '0000000000000002');
        const [summary] = expectOk(await jaeger.searchTraceSummaries({ ...WINDOW }));
        assert.deepEqual(summary?.summary, {
          traceId: '00000000000000000000000000000001', startUs: 1_000_000_000, durationUs: 1_000_000, rootService: 'frontend',
          rootOperation: 'HTTP GET /', services: ['frontend'], spanCount: 2, errorCount: 1,
        });
        const hotrod = expectOk(await jaeger.getTrace('hotrod'));
        assert.equal(hotrod.spans.length, 40);
        assert.deepEqual([...new Set(hotrod.spans.map((span) => span.service))].sort(), ['customer', 'driver', 'frontend', 'mysql', 'redis-manual', 'route']);
        await jaeger.close();
      });
    });

    test('Tempo /api/search answers from Istio bookinfo: summaries, 31-character ids padded', async () => {
      await withFake({ apis: [], replay: { '/api/search': read('tempo/search-ambient-31char-id.json') } }, async (fake) => {
        const tempo = TempoBackend.create({ baseUrl: fake.url });
        const [hit] = expectOk(await tempo.searchTraces({ ...WINDOW }));
        assert.equal(hit?.summary.traceId, '02e299711ce47710289dc6640727404f');
        assert.equal(hit?.summary.rootService, 'waypoint.bookinfo');
        assert.equal(hit?.summary.startUs, 1_736_952_956_641_922);
        assert.equal(hit?.summary.durationUs, 12_000);
        await tempo.close();
      });
      await withFake({ apis: [], replay: { '/api/search': read('tempo/search-bookinfo.json') } }, async (fake) => {
        const tempo = TempoBackend.create({ baseUrl: fake.url });
        const [hit] = expectOk(await tempo.searchTraces({ traceQl: '{}', ...WINDOW }));
        assert.equal(hit?.summary.traceId, '100cb753c787ed5657c8d88dafc176ed');
        assert.equal(hit?.summary.rootOperation, 'productpage.bookinfo.svc.cluster.local:9080/productpage');
        assert.ok((hit?.summary.services.length ?? 0) >= 1);
        await tempo.close();
      });
    });

    test('Jaeger v1 trace files replayed as /api/traces/{id}, and dependency graphs', async () => {
      const files = {
        'genai-agent-57-spans': 57, 'jaeger-query-selftrace': 2, 'petclinic-12-spans': 12, 'petclinic-5-spans': 5,
        'petclinic-grouped-17-spans': 17, 'transform-envelope': 2, 'non-hex-ids': 11, 'embedded-process-spans': 2,
      };
      const replay: Record<string, FakeReply> = {
        '/api/traces': read('jaeger-v1/jaeger-query-selftrace.json'),
        '/api/dependencies': { body: JSON.stringify({ data: JSON.parse(read('dependencies/small.json').body) as unknown, errors: null }) },
      };
      for (const name of Object.keys(files)) replay[`/api/traces/${name}`] = read(`jaeger-v1/${name}.json`);
      await withFake({ apis: [], replay }, async (fake) => {
        const jaeger = JaegerV1Backend.create({ baseUrl: fake.url });
        for (const [name, spans] of Object.entries(files)) assert.equal(expectOk(await jaeger.getTrace(name)).spans.length, spans, name);
        const hits = expectOk(await jaeger.searchTraces({ service: 'jaeger-query', ...WINDOW }));
        assert.equal(hits.length, 1);
        assert.equal(hits[0]?.summary.spanCount, 2);
        const links = expectOk(await jaeger.listDependencies(WINDOW.endUs, 86_400_000));
        assert.equal(links.length, 7);
        assert.deepEqual(links[0], { parent: 'Service1', child: 'Service2', callCount: 30489 });
        await jaeger.close();
      });
    });

    test('Zipkin Lens trace files replayed as /api/v2/trace/{id} and /api/v2/traces', async () => {
      const files = { ascend: 8, envoy: 1, 'messaging-kafka': 28, messaging: 4, messaging2: 11, 'simple-db-p6': 5, 'smartthings-oauth-authorization': 175, yelp: 16 };
      const replay: Record<string, FakeReply> = {
        '/api/v2/traces': { body: `[${read('zipkin-v2/yelp.json').body},${read('zipkin-v2/messaging.json').body}]` },
      };
      for (const name of Object.keys(files)) replay[`/api/v2/trace/${name}`] = read(`zipkin-v2/${name}.json`);
      await withFake({ apis: [], replay }, async (fake) => {
        const zipkin = ZipkinBackend.create({ baseUrl: fake.url });
        for (const [name, spans] of Object.entries(files)) assert.equal(expectOk(await zipkin.getTrace(name)).spans.length, spans, name);
        const hits = expectOk(await zipkin.searchTraces({ ...WINDOW }));
        assert.deepEqual(hits.map((hit) => hit.summary.spanCount), [16, 4]);
        await zipkin.close();
      });
    });
  });
}
