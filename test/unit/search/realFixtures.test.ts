/** `trace-lens search` over real backend answers (../shared/fixtures/traces) replayed by the fake server. */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeTraceBackend } from '../../fakes/fakeTraceBackend';
import { cli } from '../cli/cliHarness';

const FIXTURES = '../shared/fixtures/traces';

interface SearchJson {
  traces: { traceId: string; startTime: string; durationUs: number; rootService: string; rootOperation: string; spans: number | null; errors: number | null }[];
}

describe('search over real answers', () => {
  if (!existsSync(FIXTURES)) {
    test.skip(`SKIPPED: ${FIXTURES} not found`);
    return;
  }
  const servers: FakeTraceBackend[] = [];
  after(() => Promise.all(servers.map((server) => server.close())));
  const replaying = async (api: 'jaeger-v1' | 'tempo', path: string, file: string): Promise<FakeTraceBackend> => {
    const server = await FakeTraceBackend.start({ apis: [api], replay: { [path]: { body: readFileSync(join(FIXTURES, file), 'utf8') } } });
    servers.push(server);
    return server;
  };

  test('jaeger-v1/jaeger-query-selftrace.json (a 2019 Jaeger answering /api/traces): its 64-bit id padded, counts from the trace', async () => {
    const server = await replaying('jaeger-v1', '/api/traces', 'jaeger-v1/jaeger-query-selftrace.json');
    const run = await cli('search', '--url', server.url, '--kind', 'jaeger', '--service', 'jaeger-query', '--format', 'json');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as SearchJson).traces, [{
      traceId: '00000000000000002db17286b3e6b148', startTime: '2019-10-17T15:39:34.777373Z', durationUs: 4199,
      rootService: 'jaeger-query', rootOperation: '/api/services/{service}/operations', spans: 2, errors: 0,
    }]);
  });

  test('tempo/search-bookinfo.json (Tempo /api/search from Istio bookinfo): root, start and duration from the summary', async () => {
    const server = await replaying('tempo', '/api/search', 'tempo/search-bookinfo.json');
    const run = await cli('search', '--url', server.url, '--kind', 'tempo', '--service', 'productpage.bookinfo', '--format', 'json');
    assert.equal(run.code, 0, run.stderr);
    const [trace] = (JSON.parse(run.stdout) as SearchJson).traces;
    assert.deepEqual([trace?.traceId, trace?.rootService, trace?.rootOperation, trace?.startTime, trace?.durationUs], [
      '100cb753c787ed5657c8d88dafc176ed', 'istio-ingressgateway.istio-system', 'productpage.bookinfo.svc.cluster.local:9080/productpage',
      '2023-12-05T12:07:35.570888Z', 9000,
    ]);
  });
});
