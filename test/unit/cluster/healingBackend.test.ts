import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BackendResult, TraceBackend } from '../../../src/jaeger/backendTypes';
import { healingBackend } from '../../../src/kube/healingBackend';
import type { KubeResult } from '../../../src/kube/kubeFailure';

/** A backend whose listServices answers from a script, one answer per call. */
function scripted(answers: BackendResult<string[]>[]): TraceBackend & { calls: number } {
  const backend = {
    kind: 'jaeger-v1' as const, displayUrl: 'http://127.0.0.1:1', calls: 0,
    listServices: async () => {
      backend.calls++;
      return answers.shift() ?? { ok: false, reason: 'unreachable', message: 'no more answers' };
    },
    listOperations: async () => ({ ok: true, value: [] }),
    searchTraces: async () => ({ ok: true, value: [] }),
    getTrace: async () => ({ ok: false, reason: 'not-found', message: 'not found' }),
    close: async () => undefined,
  } satisfies TraceBackend & { calls: number };
  return backend;
}

const CUT_OFF: BackendResult<string[]> = { ok: false, reason: 'unreachable', message: 'Could not connect to http://127.0.0.1:1/api/services (ECONNRESET)' };
const usable = async (): Promise<KubeResult<void>> => ({ ok: true, value: undefined });

describe('a backend behind a port-forward that heals', () => {
  test('a request cut off by a dying pod is sent again once the forward reconnected', async () => {
    const inner = scripted([CUT_OFF, { ok: true, value: ['frontend'] }]);
    let waited = 0;
    const backend = healingBackend(inner, async (ms) => { waited = ms; return usable(); }, 15_000);
    assert.deepEqual(await backend.listServices(), { ok: true, value: ['frontend'] });
    assert.equal(inner.calls, 2);
    assert.equal(waited, 15_000);
  });

  test('retried once only: a second failure is reported', async () => {
    const inner = scripted([CUT_OFF, CUT_OFF, { ok: true, value: ['never'] }]);
    const result = await healingBackend(inner, usable, 1000).listServices();
    assert.equal(result.ok, false);
    assert.equal(inner.calls, 2);
  });

  test('when the forward cannot heal, the failure says why', async () => {
    const inner = scripted([CUT_OFF]);
    const result = await healingBackend(inner, async () => ({ ok: false, failure: { kind: 'forbidden', message: 'forbidden: your Kubernetes user needs `list` on `pods` in namespace x' } }), 1000).listServices();
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.message.endsWith('(the port-forward: forbidden: your Kubernetes user needs `list` on `pods` in namespace x)'));
    assert.equal(inner.calls, 1);
  });

  test('answers a reconnect cannot change (not found, auth, cancelled) are not retried', async () => {
    for (const reason of ['not-found', 'auth-required', 'http-error'] as const) {
      const inner = scripted([{ ok: false, reason, message: reason }, { ok: true, value: [] }]);
      assert.equal((await healingBackend(inner, usable, 1000).listServices()).ok, false);
      assert.equal(inner.calls, 1, reason);
    }
    const aborted = new AbortController();
    aborted.abort();
    const inner = scripted([CUT_OFF, { ok: true, value: [] }]);
    assert.equal((await healingBackend(inner, usable, 1000).listServices(aborted.signal)).ok, false);
    assert.equal(inner.calls, 1);
  });

  test('keeps the kind and URL, and passes the other calls through', async () => {
    const inner = scripted([]);
    const backend = healingBackend(inner, usable, 1000);
    assert.equal(backend.kind, 'jaeger-v1');
    assert.equal(backend.displayUrl, 'http://127.0.0.1:1');
    assert.equal(backend.listDependencies, undefined);
    assert.deepEqual(await backend.getTrace('abc'), { ok: false, reason: 'not-found', message: 'not found' });
  });
});
