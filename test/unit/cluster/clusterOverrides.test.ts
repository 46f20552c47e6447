import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { clusterOverrides, normalizeBasePath } from '../../../src/kube/clusterOverrides';
import { listKubeContexts } from '../../../src/kube/kubeConfig';
import { tempDir, writeKubeconfig } from '../../fakes/kube/kubeconfigFile';

describe('traceLens.cluster.* settings → discovery overrides', () => {
  test('the defaults (empty strings, port 0, backend auto) override nothing', () => {
    assert.deepEqual(clusterOverrides({ namespace: '', labelSelector: '', service: '', port: 0, basePath: '', backend: 'auto' }), { overrides: {}, problems: [] });
  });

  test('every setting the user filled in becomes an override, trimmed', () => {
    assert.deepEqual(clusterOverrides({ namespace: ' kyma-system ', labelSelector: 'app=jaeger', service: 'tracing-jaeger-query', port: 16686, basePath: 'jaeger/', backend: 'jaeger' }), {
      overrides: { namespace: 'kyma-system', labelSelector: 'app=jaeger', service: 'tracing-jaeger-query', port: 16686, basePath: '/jaeger', backend: 'jaeger' },
      problems: [],
    });
  });

  test('values that cannot be right are dropped, and the problem names the setting', () => {
    const { overrides, problems } = clusterOverrides({ namespace: 'Kyma System', service: 'jaeger_query', port: 70000, backend: 'elastic' });
    assert.deepEqual(overrides, {});
    assert.deepEqual(problems, [
      'traceLens.cluster.namespace "Kyma System" is not a Kubernetes name (lowercase letters, digits and "-"), so it is ignored.',
      'traceLens.cluster.service "jaeger_query" is not a Kubernetes name (lowercase letters, digits and "-"), so it is ignored.',
      'traceLens.cluster.port 70000 is not a TCP port (1 to 65535; 0 finds it), so it is ignored.',
      'traceLens.cluster.backend "elastic" is not one of auto, jaeger, tempo, zipkin, so it is ignored.',
    ]);
  });

  test('a fractional or negative port is refused; values of the wrong type are ignored', () => {
    assert.equal(clusterOverrides({ port: 16686.5 }).problems.length, 1);
    assert.equal(clusterOverrides({ port: -1 }).problems.length, 1);
    assert.deepEqual(clusterOverrides({ namespace: 42, port: '16686' }), { overrides: {}, problems: [] });
  });

  test('base paths get one leading slash and no trailing one; "/" is the root', () => {
    assert.deepEqual(['jaeger', '/jaeger/', '//a/b//', '/', ' '].map(normalizeBasePath), ['/jaeger', '/jaeger', '/a/b', '', '']);
  });
});

describe('the contexts "Connect to Cluster…" offers', () => {
  test('lists every context with its namespace and server, and which one is current', () => {
    const dir = tempDir();
    after(() => rmSync(dir, { recursive: true, force: true }));
    const path = writeKubeconfig(dir, { server: 'https://api.example.com:6443', token: 't0ken-value-long', namespace: 'team-a', contextName: 'dev', extraContexts: ['prod'] });
    const withExec = writeKubeconfig(dir, { server: 'https://api.example.com:6443', execCommand: 'kubelogin' }, 'exec');
    assert.deepEqual(listKubeContexts({ path }), {
      ok: true,
      value: {
        files: [path], current: 'dev',
        contexts: [
          { name: 'dev', namespace: 'team-a', server: 'https://api.example.com:6443', runsCredentialCommand: false },
          { name: 'prod', namespace: 'team-a', server: 'https://api.example.com:6443', runsCredentialCommand: false },
        ],
      },
    });
    const exec = listKubeContexts({ path: withExec });
    assert.ok(exec.ok && exec.value.contexts[0]?.runsCredentialCommand, 'listing does not run the plugin, but says it would');
    assert.deepEqual(listKubeContexts({ path: `${dir}/absent` }), { ok: false, failure: { kind: 'no-kubeconfig', message: `no kubeconfig found at ${dir}/absent` } });
  });
});
