import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { handlerAtLine, operationOfHandler, serviceOfPath, summarizeTraffic, trafficTitle } from '../../../src/core/source/handlerTraffic';
import type { Trace } from '../../../src/core/model';
import { indexCode } from './indexHelpers';
import { makeSpan } from './spanFixtures';

describe('from a handler to its traces', () => {
  test('the operation searched for is the span name instrumentations give the handler', async () => {
    const file = await indexCode('javascript', 'api/server.js', "app.get('/users/:id', (req, res) => {\n  tracer.startActiveSpan('load-user', (s) => s.end());\n});\napp.all('/any', h);\n");
    assert.deepEqual(file.handlers.map(operationOfHandler).sort(), ['ANY /any', 'GET /users/:id', 'load-user']);
  });

  test('the handler at the cursor: the innermost one whose body holds the line', async () => {
    const file = await indexCode('javascript', 'api/server.js', "app.get('/users/:id', (req, res) => {\n  tracer.startActiveSpan('load-user', (s) => {\n    s.end();\n  });\n  res.end();\n});\nconst x = 1;\n");
    assert.equal(handlerAtLine(file.handlers, 2)?.name, 'load-user');
    assert.equal(handlerAtLine(file.handlers, 4)?.name, 'GET /users/:id');
    assert.equal(handlerAtLine(file.handlers, 6), undefined);
  });

  test('the service of a file: a setting, a Kubernetes name among its folders, else its first folder', () => {
    const index = { files: [], serviceAliases: [{ names: ['reviews-v1', 'reviews'], manifestFolder: 'k8s' }] };
    assert.equal(serviceOfPath('apps/web/server.js', index, { serviceFolders: { frontend: 'apps/web' } }), 'frontend');
    assert.equal(serviceOfPath('services/reviews/App.java', index, {}), 'reviews');
    assert.equal(serviceOfPath('ratings/src/server.js', index, {}), 'ratings');
    assert.equal(serviceOfPath('server.js', index, {}), undefined);
  });
});

describe('code lens figures', () => {
  const trace = (id: string, durationUs: number, error = false): Trace => ({
    traceId: id as Trace['traceId'],
    warnings: [],
    spans: [{ ...makeSpan({ service: 'api', operation: 'GET /users/:id' }), durationUs, status: { code: error ? 'error' : 'unset' } }, { ...makeSpan({ service: 'api', operation: 'db' }), durationUs: 999_999_999 }],
  });

  test("percentiles and errors come from the handler's own spans, not the whole trace", () => {
    const samples = [10, 20, 30, 40, 1000].map((ms, i) => ({ traceId: `t${i}`, startUs: i, durationUs: 5_000_000, trace: trace(`t${i}`, ms * 1000, i === 4) }));
    const traffic = summarizeTraffic(samples, 'GET /users/:id', 'api');
    assert.deepEqual(traffic, { traces: 5, p50Us: 30_000, p95Us: 1_000_000, errors: 1, slowestTraceId: 't4', latestTraceId: 't4' });
    assert.equal(trafficTitle(traffic, 'last hour'), '5 traces · p50 30 ms · p95 1 s · 1 error (last hour)');
  });

  test('without spans (Tempo) the trace duration and error count stand in; no traces says so', () => {
    const traffic = summarizeTraffic([{ traceId: 'a', startUs: 2, durationUs: 1500, errorCount: 0 }, { traceId: 'b', startUs: 1, durationUs: 2500, errorCount: 2 }], 'GET /x');
    assert.deepEqual([traffic.p50Us, traffic.p95Us, traffic.errors, traffic.slowestTraceId, traffic.latestTraceId], [1500, 2500, 1, 'b', 'a']);
    assert.equal(trafficTitle(summarizeTraffic([], 'GET /x'), 'last hour'), 'No traces (last hour)');
    assert.match(trafficTitle(traffic, 'last hour', true), /^2\+ traces/);
  });
});
