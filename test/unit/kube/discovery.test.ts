import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { discoverBackends } from '../../../src/kube/discovery';
import { ForwardSession } from '../../../src/kube/forwardSession';
import { loadKubeConfig } from '../../../src/kube/kubeConfig';
import { DEPLOYMENTS } from './deployments';
import { addBackendPod, addService, startHarness, type Harness } from './harness';

const SUITE = 'discovery, against an in-process server speaking the Kubernetes API and port-forward protocol';

async function withHarness(run: (h: Harness) => Promise<void>): Promise<void> {
  const h = await startHarness();
  try {
    await run(h);
  } finally {
    await h.close();
  }
}

function loaded(h: Harness) {
  const result = loadKubeConfig({ path: h.kubeconfig });
  assert.ok(result.ok);
  return result.value;
}

describe(SUITE, () => {
  for (const [name, deploy] of Object.entries(DEPLOYMENTS)) {
    test(`finds, forwards to and probes ${name}`, async () => withHarness(async (h) => {
      const expected = await deploy(h);
      const session = new ForwardSession({ kubeConfig: { path: h.kubeconfig }, logger: h.logger });
      const connected = await session.connect();
      try {
        assert.ok(connected.ok, connected.ok ? '' : connected.failure.message);
        const { candidate, api } = connected.value;
        assert.deepEqual(
          { rule: candidate.rule, namespace: candidate.namespace, service: candidate.service, pod: candidate.pod, containerPort: candidate.containerPort },
          { rule: expected.rule, namespace: expected.namespace, service: expected.service, pod: expected.pod, containerPort: expected.containerPort },
        );
        assert.deepEqual(api, { api: expected.api, basePath: expected.apiBasePath });
        assert.match(candidate.reason, new RegExp(`${expected.namespace}/${expected.service}`));
        const services = await session.request(`${api.basePath}${api.api === 'jaeger-v1' ? '/api/services' : api.api === 'jaeger-v3' ? '/api/v3/services' : api.api === 'zipkin' ? '/api/v2/services' : '/api/echo'}`);
        assert.ok(services.ok && services.value.status === 200);
      } finally {
        await session.disconnect();
      }
    }));
  }

  test("never offers Istio's zipkin service (a Jaeger collector) as a Zipkin backend", async () => withHarness(async (h) => {
    await DEPLOYMENTS["Istio's Jaeger addon (tracing:80 → 16686 under /jaeger; its zipkin service is skipped)"]!(h);
    const found = await discoverBackends(loaded(h));
    assert.ok(found.ok);
    assert.deepEqual(found.value.map((c) => `${c.family} ${c.namespace}/${c.service}`), ['jaeger istio-system/tracing']);
    assert.equal(found.value[0]?.basePath, '/jaeger');
  }));

  test('lists every backend it finds, each with its reason', async () => withHarness(async (h) => {
    await DEPLOYMENTS['Kyma (kyma-system, app=jaeger, tracing-jaeger-query:16686)']!(h);
    await DEPLOYMENTS['Zipkin (9411)']!(h);
    const found = await discoverBackends(loaded(h));
    assert.ok(found.ok);
    assert.deepEqual(found.value.map((c) => [c.family, c.service, c.pod, c.containerPort]), [
      ['jaeger', 'tracing-jaeger-query', 'tracing-jaeger-7d9f-abcde', 16686],
      ['zipkin', 'zipkin', 'zipkin-7b6c-p0o9i', 9411],
    ]);
    assert.ok(found.value.every((c) => c.reason.length > 0));
  }));

  test('picks a ready pod, never a terminating or unready one', async () => withHarness(async (h) => {
    await addBackendPod(h, { namespace: 'default', name: 'zipkin-unready', labels: { app: 'zipkin' }, ports: [{ containerPort: 9411 }], servingPort: 9411, flavour: 'zipkin', ready: false });
    h.api.cluster.addPod({ namespace: 'default', name: 'zipkin-leaving', labels: { app: 'zipkin' }, ports: [{ containerPort: 9411 }], listeners: {}, terminating: true });
    await addBackendPod(h, { namespace: 'default', name: 'zipkin-ok', labels: { app: 'zipkin' }, ports: [{ containerPort: 9411 }], servingPort: 9411, flavour: 'zipkin' });
    addService(h, 'default', 'zipkin', { app: 'zipkin' }, [{ port: 9411 }]);
    const found = await discoverBackends(loaded(h));
    assert.ok(found.ok);
    assert.deepEqual(found.value.map((c) => c.pod), ['zipkin-ok']);
  }));

  test('says where it looked and for what when nothing is found', async () => withHarness(async (h) => {
    addService(h, 'default', 'web', { app: 'web' }, [{ port: 8080 }]);
    const found = await discoverBackends(loaded(h));
    assert.ok(!found.ok);
    assert.equal(found.failure.kind, 'nothing-found');
    for (const part of ['context fake', 'kyma-system', 'istio-system', 'default', 'tracing-jaeger-query', 'app.kubernetes.io/name=tempo', '16686', '9411', 'namespace, service and port']) {
      assert.ok(found.failure.message.includes(part), `message names ${part}:\n${found.failure.message}`);
    }
  }));

  test('names the missing permission when listing services is forbidden', async () => withHarness(async (h) => {
    h.api.forbidden.push({ verb: 'list', resource: 'services' });
    const found = await discoverBackends(loaded(h), { namespace: 'tracing' });
    assert.ok(!found.ok);
    assert.match(found.failure.message, /needs `list` on `services` in namespace tracing/);
  }));

  test('names the missing permission when listing pods is forbidden', async () => withHarness(async (h) => {
    await DEPLOYMENTS['Zipkin (9411)']!(h);
    h.api.forbidden.push({ verb: 'list', resource: 'pods', namespace: 'default' });
    const found = await discoverBackends(loaded(h), { service: 'zipkin' });
    assert.ok(!found.ok);
    assert.equal(found.failure.kind, 'forbidden');
    assert.match(found.failure.message, /needs `list` on `pods` in namespace default/);
  }));

  test('honours overrides: service and port, base path and backend kind', async () => withHarness(async (h) => {
    await addBackendPod(h, { namespace: 'apps', name: 'custom-0', labels: { app: 'custom' }, ports: [{ name: 'web', containerPort: 8080 }], servingPort: 8080, flavour: 'jaeger-v1', basePath: '/tracing' });
    addService(h, 'apps', 'custom-ui', { app: 'custom' }, [{ name: 'metrics', port: 9090 }, { name: 'web', port: 80, targetPort: 'web' }]);
    const found = await discoverBackends(loaded(h), { namespace: 'apps', service: 'custom-ui', port: 80, basePath: '/tracing', backend: 'jaeger' });
    assert.ok(found.ok, found.ok ? '' : found.failure.message);
    assert.deepEqual(found.value.map((c) => [c.pod, c.containerPort, c.basePath, c.family]), [['custom-0', 8080, '/tracing', 'jaeger']]);
  }));

  test('honours overrides: a label selector and container port without a service', async () => withHarness(async (h) => {
    await addBackendPod(h, { namespace: 'apps', name: 'tempo-abc', labels: { team: 'obs', app: 'tempo' }, ports: [{ containerPort: 3200 }], servingPort: 3200, flavour: 'tempo' });
    const session = new ForwardSession({ kubeConfig: { path: h.kubeconfig }, discovery: { namespace: 'apps', labelSelector: 'team=obs,app=tempo', port: 3200 } });
    const connected = await session.connect();
    await session.disconnect();
    assert.ok(connected.ok, connected.ok ? '' : connected.failure.message);
    assert.equal(connected.value.candidate.pod, 'tempo-abc');
    assert.equal(connected.value.api.api, 'tempo');
  }));
});
