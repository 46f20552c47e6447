import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchSpan } from '../../../src/core/spanMatching/matchSpans';
import type { WorkspaceIndex } from '../../../src/core/spanMatching/workspaceIndex';
import { indexCode } from './indexHelpers';
import { makeSpan } from './spanFixtures';

/** Two services with a file of the same name and the same route: evidence that cannot decide must say so. */
async function twinServices(): Promise<WorkspaceIndex> {
  const code = "app.get('/orders/:id', function show(req, res) {});\n";
  return {
    files: [await indexCode('javascript', 'east/src/app.js', code), await indexCode('javascript', 'west/src/app.js', code)],
    serviceAliases: [],
  };
}

test('a reported path that ends like two workspace files is ambiguous; one more segment decides', async () => {
  const index = await twinServices();
  const tie = matchSpan(index, makeSpan({ operation: 'x', attributes: { 'code.filepath': '/app/src/app.js', 'code.lineno': 1 } }));
  assert.equal(tie?.ambiguous, true);
  assert.deepEqual(tie?.candidates.map((candidate) => candidate.location.file).sort(), ['east/src/app.js', 'west/src/app.js']);
  const decided = matchSpan(index, makeSpan({ operation: 'x', attributes: { 'code.filepath': '/srv/west/src/app.js', 'code.lineno': 1 } }));
  assert.equal(decided?.ambiguous, false);
  assert.equal(decided?.location.file, 'west/src/app.js');
});

test('the same route in two services: the span service decides, an unknown service leaves a pick list', async () => {
  const index = await twinServices();
  const span = (service: string) => makeSpan({ service, operation: 'GET /orders/:id', attributes: { 'http.route': '/orders/:id', 'http.request.method': 'GET' } });
  assert.equal(matchSpan(index, span('east'))?.location.file, 'east/src/app.js');
  assert.equal(matchSpan(index, span('west'))?.ambiguous, false);
  const unknown = matchSpan(index, span('north'));
  assert.equal(unknown?.ambiguous, true);
  assert.equal(unknown?.candidates.length, 2);
});

test('an Istio span for a host that is no folder, manifest or setting is not pinned to a service', async () => {
  const index = await twinServices();
  const match = matchSpan(index, makeSpan({ service: 'istio-ingressgateway', operation: 'orders.default.svc.cluster.local:8080/*', kind: 'client', attributes: { 'http.method': 'GET', 'http.url': 'http://orders:8080/orders/7' } }));
  assert.equal(match?.ambiguous, true);
  const east = matchSpan(index, makeSpan({ service: 'istio-ingressgateway', operation: 'orders.default.svc.cluster.local:8080/*', kind: 'client', attributes: { 'http.method': 'GET', 'http.url': 'http://orders:8080/orders/7' } }), { serviceFolders: { orders: 'east' } });
  assert.equal(east?.location.file, 'east/src/app.js');
  assert.equal(east?.rule, 'url-path');
});
