import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runForward } from '../../../src/kube/forwardCommand';
import { DEPLOYMENTS } from './deployments';
import { addBackendPod, startHarness, waitFor } from './harness';

const SUITE = 'runForward (trace-lens forward), against an in-process server speaking the Kubernetes API and port-forward protocol';

describe(SUITE, () => {
  test('prints where the backend is as JSON, logs each reconnect as a JSON line, stops on the signal', async () => {
    const h = await startHarness();
    try {
      const expected = await DEPLOYMENTS['Kyma (kyma-system, app=jaeger, tracing-jaeger-query:16686)']!(h);
      const stdout: string[] = [];
      const stderr: string[] = [];
      const abort = new AbortController();
      const running = runForward({ kubeconfig: h.kubeconfig, namespace: 'kyma-system', json: true, backoff: { initialMs: 5, maxMs: 20 }, healthCheckIntervalMs: 60_000 },
        { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) }, abort.signal);
      await waitFor(() => stdout.length > 0, 'the first line');
      const first = JSON.parse(stdout[0]!) as Record<string, string>;
      assert.match(first.url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.deepEqual({ ...first, url: undefined }, {
        url: undefined, backend: 'jaeger', api: 'jaeger-v1', basePath: '', context: 'fake', namespace: 'kyma-system', service: 'tracing-jaeger-query', pod: expected.pod,
      });
      const direct = await fetch(`${first.url}/api/services`, { headers: { connection: 'close' } });
      assert.deepEqual((await direct.json() as { data: string[] }).data, ['frontend', 'checkout']);

      h.api.deletePod('kyma-system', expected.pod);
      await addBackendPod(h, { namespace: 'kyma-system', name: 'tracing-jaeger-2', labels: { app: 'jaeger' }, ports: [{ containerPort: 16686 }], servingPort: 16686, flavour: 'jaeger-v1' });
      // The first connection after the pod died finds out; the forward heals by itself.
      await fetch(`${first.url}/api/services`, { headers: { connection: 'close' } }).catch(() => undefined);
      await waitFor(() => stdout.some((l) => l.includes('"event":"connected"')), 'reconnected');
      const events = stdout.slice(1).map((l) => JSON.parse(l) as { event: string; attempt?: number; pod?: string });
      assert.deepEqual(events.map((e) => e.event), ['reconnecting', 'connected']);
      assert.equal(events[0]?.attempt, 1);
      assert.equal(events[1]?.pod, 'tracing-jaeger-2');
      assert.ok(stdout.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n')), 'one JSON object per line');

      const healed = await fetch(`${first.url}/api/services`, { headers: { connection: 'close' } });
      assert.equal(healed.status, 200);
      abort.abort();
      assert.equal(await running, 0);
    } finally {
      await h.close();
    }
  });

  test('exits 1 with the reason when it cannot connect', async () => {
    const stderr: string[] = [];
    const missing = join('/nonexistent', 'kubeconfig');
    const code = await runForward({ kubeconfig: missing }, { stdout: () => assert.fail('nothing on stdout'), stderr: (t) => stderr.push(t) }, new AbortController().signal);
    assert.equal(code, 1);
    assert.equal(stderr.join(''), `trace-lens forward: no kubeconfig found at ${missing}\n`);
  });
});
