import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { matchSpan, type SpanMatch } from '../../../src/core/spanMatching/matchSpans';
import type { MatchOptions, WorkspaceIndex } from '../../../src/core/spanMatching/workspaceIndex';
import { createGrammarLoader } from '../../../src/treeSitter/grammarLoader';
import { createWorkspaceIndexer } from '../../../src/treeSitter/workspaceIndexer';
import { makeSpan } from './spanFixtures';

/**
 * Every matching rule, both ways, against test/fixtures/sourceWorkspace:
 *
 *   productpage/app.py            Flask   /productpage @9, /api/v1/products/<int:product_id> @15, /health @25, span render-page @11
 *   reviews/.../ReviewsController Spring  GET /reviews/{productId} @9, POST @14
 *   details/app.rb                Sinatra /details/:id @3, /health @9, span fetch-details @4
 *   ratings/src/server.js         Express /ratings/:productId @7, /health @14, span load-ratings @8
 *   gateway/main.go               net/http GET /items/{id} @22, /items/featured @24; gRPC Greeter/SayHello @14; span compose-greeting @15
 *   k8s/bookinfo.yaml             Deployment details-v1 (app: details), Service web-frontend (app: productpage)
 */
let index: WorkspaceIndex;
before(async () => {
  index = await createWorkspaceIndexer(path.resolve('test/fixtures/sourceWorkspace'), createGrammarLoader()).indexAll();
});

function where(match: SpanMatch | undefined): string | undefined {
  return match ? `${match.location.file}:${match.location.line1}` : undefined;
}

function at(span: Parameters<typeof makeSpan>[0], options?: MatchOptions): SpanMatch | undefined {
  return matchSpan(index, makeSpan(span), options);
}

describe('1. OpenTelemetry code attributes', () => {
  test('stable names, with the container path remapped by suffix, land on the reported line inside the handler', () => {
    const match = at({ operation: 'anything', attributes: { 'code.file.path': '/usr/src/app/productpage/app.py', 'code.line.number': 16, 'code.function.name': 'product' } });
    assert.equal(where(match), 'productpage/app.py:16');
    assert.equal(match?.rule, 'code-attributes');
    assert.equal(match?.handler?.name, 'GET /api/v1/products/<int:product_id>');
    assert.ok(match!.confidence >= 0.9);
    assert.match(match!.evidence.join(' '), /suffix/);
  });

  test('old names (code.filepath, code.lineno) work the same', () => {
    assert.equal(where(at({ operation: 'x', attributes: { 'code.filepath': 'details/app.rb', 'code.lineno': '4' } })), 'details/app.rb:4');
  });

  test('a configured path mapping wins over suffix matching', () => {
    const match = at({ operation: 'x', attributes: { 'code.filepath': '/srv/server.js', 'code.lineno': 8 } }, { pathMappings: [{ from: '/srv/', to: 'ratings/src/' }] });
    assert.equal(where(match), 'ratings/src/server.js:8');
    assert.match(match!.evidence.join(' '), /path mapping/);
  });

  test('code.function with code.namespace, and no file, finds the handler by name', () => {
    const match = at({ operation: 'x', attributes: { 'code.function': 'bookReviewsById', 'code.namespace': 'demo.ReviewsController' } });
    assert.equal(where(match), 'reviews/src/main/java/demo/ReviewsController.java:9');
  });

  test('near miss: a file the workspace does not have gives no code match', () => {
    assert.equal(at({ operation: 'x', attributes: { 'code.filepath': '/app/billing/invoice.py', 'code.lineno': 3 } }), undefined);
  });
});

describe('2. http.route and METHOD /route span names', () => {
  test('http.route with the method, in another router spelling than the code', () => {
    const match = at({ service: 'ratings', operation: 'GET', attributes: { 'http.route': '/ratings/{productId}', 'http.request.method': 'GET' } });
    assert.equal(where(match), 'ratings/src/server.js:7');
    assert.equal(match?.rule, 'http-route');
    assert.equal(match?.ambiguous, false);
  });

  test('near miss: the right route with the wrong method does not match', () => {
    assert.equal(at({ service: 'ratings', operation: 'POST', attributes: { 'http.route': '/ratings/:productId', 'http.method': 'POST' } }), undefined);
  });

  test('a span named "GET /health" is resolved within its service folder', () => {
    assert.equal(where(at({ service: 'details', operation: 'GET /health' })), 'details/app.rb:9');
    assert.equal(where(at({ service: 'ratings', operation: 'GET /health' })), 'ratings/src/server.js:14');
  });

  test('when the service does not decide, the match is ambiguous and lists every candidate', () => {
    const match = at({ service: 'somewhere-else', operation: 'GET /health' });
    assert.equal(match?.ambiguous, true);
    assert.deepEqual(match?.candidates.map((candidate) => candidate.location.file).sort(), ['details/app.rb', 'productpage/app.py', 'ratings/src/server.js']);
    assert.ok(match!.confidence <= 0.4);
  });
});

describe('3. url.path, http.target, http.url against route templates', () => {
  test('the most specific template wins: a literal segment beats a parameter', () => {
    assert.equal(where(at({ service: 'gateway', operation: 'HTTP GET', attributes: { 'url.path': '/items/featured', 'http.request.method': 'GET' } })), 'gateway/main.go:24');
    assert.equal(where(at({ service: 'gateway', operation: 'HTTP GET', attributes: { 'url.path': '/items/42', 'http.request.method': 'GET' } })), 'gateway/main.go:22');
  });

  test('http.target with a query string, and a Flask int converter', () => {
    const match = at({ service: 'productpage', operation: 'request', attributes: { 'http.target': '/api/v1/products/7?ref=home', 'http.method': 'GET' } });
    assert.equal(where(match), 'productpage/app.py:15');
    assert.equal(match?.rule, 'url-path');
  });

  test('near misses: a non-integer id, a path with an extra segment', () => {
    assert.equal(at({ service: 'productpage', operation: 'request', attributes: { 'http.url': 'http://productpage:9080/api/v1/products/abc', 'http.method': 'GET' } }), undefined);
    assert.equal(at({ service: 'gateway', operation: 'request', attributes: { 'url.path': '/items/42/extra', 'http.method': 'GET' } }), undefined);
  });

  test('client spans are not matched by URL: their handler is in the other service', () => {
    assert.equal(at({ service: 'gateway', operation: 'HTTP GET', kind: 'client', attributes: { 'url.full': 'http://gateway/items/42', 'http.request.method': 'GET' } }), undefined);
  });
});

describe('4. gRPC names', () => {
  test('rpc.service and rpc.method', () => {
    const match = at({ service: 'gateway', operation: 'x', attributes: { 'rpc.service': 'helloworld.Greeter', 'rpc.method': 'SayHello' } });
    assert.equal(where(match), 'gateway/main.go:14');
    assert.equal(match?.rule, 'grpc');
  });

  test('a full method span name, compared without case (stubs lower-case method names in some languages)', () => {
    assert.equal(where(at({ operation: '/helloworld.Greeter/sayhello' })), 'gateway/main.go:14');
  });

  test('near miss: the same method on another service', () => {
    assert.equal(at({ operation: 'helloworld.Farewell/SayHello' }), undefined);
  });
});

describe('5. manual span names', () => {
  test('a literal span name in Python, TypeScript, Ruby and Go', () => {
    assert.equal(where(at({ operation: 'render-page' })), 'productpage/app.py:11');
    assert.equal(where(at({ operation: 'load-ratings' })), 'ratings/src/server.js:8');
    assert.equal(where(at({ operation: 'fetch-details' })), 'details/app.rb:4');
    assert.equal(where(at({ operation: 'compose-greeting' })), 'gateway/main.go:15');
  });

  test('near miss: a name that differs by one character', () => {
    assert.equal(at({ operation: 'load-rating' }), undefined);
  });
});

describe('Istio/Envoy sidecar spans', () => {
  test('the host in the span name picks the service folder, then method and URL pick the route', () => {
    const match = at({ service: 'istio-ingressgateway', operation: 'productpage.default.svc.cluster.local:9080/*', kind: 'client', attributes: { 'http.method': 'GET', 'http.url': 'http://productpage:9080/health', 'istio.canonical_service': 'istio-ingressgateway' } });
    assert.equal(where(match), 'productpage/app.py:25');
    assert.match(match!.evidence.join(' '), /folder named productpage/);
  });

  test('a Kubernetes Service name that is not a folder name maps through the manifest labels', () => {
    const match = at({ service: 'istio-ingressgateway', operation: 'web-frontend.default.svc.cluster.local:9080/*', attributes: { 'http.method': 'GET', 'http.url': 'http://web-frontend:9080/health' } });
    assert.equal(where(match), 'productpage/app.py:25');
    assert.match(match!.evidence.join(' '), /Kubernetes manifest/);
  });

  test('the serviceFolders setting maps a service by name', () => {
    const match = at({ service: 'legacy-ratings', operation: 'GET /health' }, { serviceFolders: { 'legacy-ratings': 'ratings' } });
    assert.equal(where(match), 'ratings/src/server.js:14');
  });
});
