import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { V1Service } from '@kubernetes/client-node';
import { matchService } from '../../../src/kube/discoveryRules';

function service(namespace: string, name: string, ports: { name?: string; port: number; targetPort?: number | string }[], labels: Record<string, string> = {}, selector: Record<string, string> = { app: name }): V1Service {
  return { metadata: { name, namespace, labels }, spec: { selector, ports } };
}

function ruleOf(svc: V1Service): string | undefined {
  return matchService(svc, svc.metadata?.namespace ?? '')?.rule.id;
}

describe('discovery rules (pure, no server)', () => {
  test("tempo-distributed: only the query frontend answers queries, not the ingesters, the distributor's Zipkin receiver or the headless discovery service", () => {
    const labels = (component: string) => ({ 'app.kubernetes.io/name': 'tempo', 'app.kubernetes.io/component': component });
    assert.equal(ruleOf(service('tempo', 'tempo-ingester', [{ port: 3100 }], labels('ingester'))), undefined);
    assert.equal(ruleOf(service('tempo', 'tempo-distributor', [{ port: 3100 }, { port: 9411 }], labels('distributor'))), undefined);
    assert.equal(ruleOf(service('tempo', 'tempo-query-frontend-discovery', [{ port: 3100 }], labels('query-frontend'))), undefined);
    assert.equal(ruleOf(service('tempo', 'tempo-query-frontend', [{ name: 'http-metrics', port: 3100 }], labels('query-frontend'))), 'tempo');
  });

  test('Kyma and Istio rules apply only in their own namespaces', () => {
    assert.equal(ruleOf(service('kyma-system', 'tracing-jaeger-query', [{ port: 16686 }])), 'kyma');
    assert.equal(ruleOf(service('default', 'tracing-jaeger-query', [{ port: 16686 }])), 'jaeger');
    assert.equal(ruleOf(service('istio-system', 'tracing', [{ port: 80, targetPort: 16686 }])), 'istio-addon');
    assert.equal(ruleOf(service('default', 'tracing', [{ port: 80 }])), undefined);
  });

  test('a Jaeger collector (Operator or Istio) is not a Zipkin API although it listens on 9411', () => {
    assert.equal(ruleOf(service('istio-system', 'zipkin', [{ port: 9411 }], {}, { app: 'jaeger' })), undefined);
    assert.equal(ruleOf(service('observability', 'simplest-collector', [{ port: 9411 }], {}, { 'app.kubernetes.io/component': 'collector' })), undefined);
    assert.equal(ruleOf(service('zipkin', 'zipkin', [{ port: 9411 }])), 'zipkin');
  });

  test('a service port is matched through its target port (Jaeger query behind port 80)', () => {
    const match = matchService(service('default', 'ui', [{ name: 'admin', port: 14269 }, { name: 'web', port: 80, targetPort: 16686 }]), 'default');
    assert.equal(match?.rule.id, 'jaeger');
    assert.equal(match?.match.port.port, 80);
  });
});
