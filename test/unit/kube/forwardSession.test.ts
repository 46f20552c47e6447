import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ForwardSession, type ForwardState } from '../../../src/kube/forwardSession';
import { DEPLOYMENTS } from './deployments';
import { writeKubeconfig } from '../../fakes/kube/kubeconfigFile';
import { addBackendPod, startHarness, waitFor, type Harness } from './harness';

const SUITE = 'port-forward session, against an in-process server speaking the Kubernetes API and port-forward protocol';
const KYMA = DEPLOYMENTS['Kyma (kyma-system, app=jaeger, tracing-jaeger-query:16686)']!;
const FAST_BACKOFF = { initialMs: 10, maxMs: 50, maxAttempts: 6 };

interface Rig {
  readonly h: Harness;
  readonly session: ForwardSession;
  readonly states: string[];
}

async function withSession(run: (rig: Rig) => Promise<void>, backoff = FAST_BACKOFF): Promise<void> {
  const h = await startHarness();
  const session = new ForwardSession({ kubeConfig: { path: h.kubeconfig }, logger: h.logger, backoff, healthCheckIntervalMs: 60_000 });
  const states: string[] = [];
  session.onStateChange((state) => states.push(describeState(state)));
  try {
    await run({ h, session, states });
  } finally {
    await session.disconnect();
    await h.close();
  }
}

function describeState(state: ForwardState): string {
  if (state.state === 'reconnecting') return `reconnecting(${state.attempt})`;
  if (state.state === 'connected') return `connected(${state.connection.candidate.pod})`;
  return state.state;
}

async function replacePod(h: Harness, oldName: string, newName: string): Promise<void> {
  h.api.deletePod('kyma-system', oldName);
  await addBackendPod(h, { namespace: 'kyma-system', name: newName, labels: { app: 'jaeger' }, ports: [{ name: 'http-query', containerPort: 16686 }], servingPort: 16686, flavour: 'jaeger-v1' });
}

describe(SUITE, () => {
  test('listens on 127.0.0.1 only, on an ephemeral port', async () => withSession(async ({ h, session }) => {
    await KYMA(h);
    const connected = await session.connect();
    assert.ok(connected.ok);
    assert.match(connected.value.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(new URL(connected.value.url).port, '16686');
  }));

  test('when the pod is replaced while connected, requests recover and the status goes reconnecting → connected', async () => withSession(async ({ h, session, states }) => {
    const expected = await KYMA(h);
    assert.ok((await session.connect()).ok);
    const url = session.url;
    await replacePod(h, expected.pod, 'tracing-jaeger-7d9f-fghij');
    const response = await session.request('/api/services');
    assert.ok(response.ok, response.ok ? '' : response.failure.message);
    assert.equal(response.value.status, 200);
    assert.deepEqual(states.slice(0, 2), ['connecting', `connected(${expected.pod})`]);
    assert.ok(states.includes('reconnecting(1)'), states.join(' → '));
    assert.equal(states.at(-1), 'connected(tracing-jaeger-7d9f-fghij)');
    assert.equal(session.url, url, 'the local URL survives the reconnect');
  }));

  test('an idle forward notices a replaced pod by itself and reconnects', async () => {
    const h = await startHarness();
    const session = new ForwardSession({ kubeConfig: { path: h.kubeconfig }, backoff: FAST_BACKOFF, healthCheckIntervalMs: 20 });
    try {
      const expected = await KYMA(h);
      assert.ok((await session.connect()).ok);
      await replacePod(h, expected.pod, 'tracing-jaeger-idle');
      await waitFor(() => session.state.state === 'connected' && session.state.connection.candidate.pod === 'tracing-jaeger-idle', 'the new pod');
    } finally {
      await session.disconnect();
      await h.close();
    }
  });

  test('a request in flight when the pod dies fails cleanly and the retry succeeds on the new pod', async () => withSession(async ({ h, session }) => {
    const expected = await KYMA(h);
    assert.ok((await session.connect()).ok);
    h.backends[0]!.holdRequests = true;
    const pending = session.request('/api/services');
    await waitFor(() => h.backends[0]!.requests > 1, 'the request to reach the pod');
    await replacePod(h, expected.pod, 'tracing-jaeger-new');
    const response = await pending;
    assert.ok(response.ok, response.ok ? '' : response.failure.message);
    assert.equal(response.value.status, 200);
    assert.equal(session.state.state === 'connected' && session.state.connection.candidate.pod, 'tracing-jaeger-new');
  }));

  test('a refused target port fails at once with the reason, no hang', async () => withSession(async ({ h, session }) => {
    const expected = await KYMA(h);
    assert.ok((await session.connect()).ok);
    await h.backends[0]!.close(); // the pod is Ready but nothing listens on 16686 any more
    h.api.cluster.removePod(expected.namespace, expected.pod);
    h.api.cluster.addPod({ namespace: expected.namespace, name: expected.pod, labels: { app: 'jaeger' }, ports: [{ containerPort: 16686 }], listeners: {} });
    const started = Date.now();
    const response = await session.request('/api/services', { timeoutMs: 30_000 });
    const elapsedMs = Date.now() - started;
    assert.ok(!response.ok);
    assert.equal(response.failure.kind, 'port-refused');
    assert.match(response.failure.message, /refused the connection: nothing listens on port 16686/);
    assert.ok(elapsedMs < 1000, `failed in ${elapsedMs} ms`);
  }));

  test('a refused port at connect time fails the connect with the reason', async () => withSession(async ({ h, session }) => {
    h.api.cluster.addPod({ namespace: 'default', name: 'zipkin-0', labels: { app: 'zipkin' }, ports: [{ containerPort: 9411 }], listeners: {} });
    h.api.cluster.addService({ namespace: 'default', name: 'zipkin', selector: { app: 'zipkin' }, ports: [{ port: 9411 }] });
    const started = Date.now();
    const connected = await session.connect();
    assert.ok(!connected.ok);
    assert.equal(connected.failure.kind, 'port-refused');
    assert.ok(Date.now() - started < 1000);
    assert.equal(session.state.state, 'failed');
  }));

  test('the API server down at connect time gives a clear failure', async () => withSession(async ({ h, session }) => {
    await KYMA(h);
    await h.api.stop();
    const connected = await session.connect();
    assert.ok(!connected.ok);
    assert.equal(connected.failure.kind, 'unreachable');
    assert.match(connected.failure.message, new RegExp(`cannot reach the Kubernetes API server at ${h.api.url.replace(/\./g, '\\.')}: ECONNREFUSED`));
  }));

  test('the API server going down while connected: reconnecting, then connected again when it is back', async () => withSession(async ({ h, session, states }) => {
    await KYMA(h);
    assert.ok((await session.connect()).ok);
    await h.api.stop();
    const during = session.request('/api/services');
    await waitFor(() => session.state.state === 'reconnecting', 'reconnecting');
    await h.api.restart();
    await waitFor(() => session.state.state === 'connected', 'connected again');
    const retried = await during;
    assert.ok(retried.ok && retried.value.status === 200, 'the request made while the API server was down was retried once it was back');
    const after = await session.request('/api/services');
    assert.ok(after.ok && after.value.status === 200);
    assert.ok(states.some((s) => s.startsWith('reconnecting')), states.join(' → '));
  }, { initialMs: 20, maxMs: 100, maxAttempts: 30 }));

  test('gives up after the last attempt with failed(reason)', async () => withSession(async ({ h, session }) => {
    await KYMA(h);
    assert.ok((await session.connect()).ok);
    await h.api.stop();
    await session.request('/api/services');
    await waitFor(() => session.state.state === 'failed', 'failed');
    assert.ok(session.state.state === 'failed' && /gave up reconnecting: cannot reach the Kubernetes API server/.test(session.state.failure.message));
  }, { initialMs: 1, maxMs: 5, maxAttempts: 3 }));

  test('a rejected token (401) says to log in again, without quoting the token', async () => {
    const h = await startHarness();
    try {
      await KYMA(h);
      const wrongToken = writeKubeconfig(h.dir, { server: h.api.url, token: 'expired-token-0123456789' }, 'expired');
      const session = new ForwardSession({ kubeConfig: { path: wrongToken }, logger: h.logger });
      const connected = await session.connect();
      assert.ok(!connected.ok);
      assert.equal(connected.failure.kind, 'unauthorized');
      assert.match(connected.failure.message, /rejected the credentials \(401\): log in again/);
      assert.ok(!connected.failure.message.includes('expired-token') && !h.logs.join('\n').includes('expired-token'));
    } finally {
      await h.close();
    }
  });

  test('403 on pods/portforward names the missing permission', async () => withSession(async ({ h, session }) => {
    await KYMA(h);
    h.api.forbidden.push({ verb: 'create', resource: 'pods/portforward', namespace: 'kyma-system' });
    const connected = await session.connect();
    assert.ok(!connected.ok);
    assert.equal(connected.failure.kind, 'forbidden');
    assert.match(connected.failure.message, /needs `get` and `create` on `pods\/portforward` in namespace kyma-system/);
  }));

  test('200 sequential and 50 concurrent requests through one tunnel: zero failures, no leaked sockets', async () => withSession(async ({ h, session }) => {
    await KYMA(h);
    assert.ok((await session.connect()).ok);
    for (let i = 0; i < 200; i++) {
      const response = await session.request('/api/services');
      assert.ok(response.ok && response.value.status === 200, `sequential request ${i}`);
    }
    const concurrent = await Promise.all(Array.from({ length: 50 }, () => session.request('/api/services')));
    assert.equal(concurrent.filter((r) => !r.ok || r.value.status !== 200).length, 0);
    assert.equal(h.backends[0]!.requests >= 250, true);
    await waitFor(() => session.openConnections === 0 && h.api.openTunnels === 0 && h.backends[0]!.openConnections === 0, 'every socket to close');
  }));

  test('no secret in any log line or failure message', async () => withSession(async ({ h, session }) => {
    const expected = await KYMA(h);
    assert.ok((await session.connect()).ok);
    await replacePod(h, expected.pod, 'tracing-jaeger-secret-check');
    await session.request('/api/services');
    h.api.forbidden.push({ verb: 'create', resource: 'pods/portforward' });
    const forbidden = await session.request('/api/services');
    assert.ok(!forbidden.ok);
    assert.ok(h.logs.length >= 4, h.logs.join('\n'));
    assert.ok(h.api.requests.some((r) => r.authorization?.includes('sha256~')), 'the token was really sent');
    for (const line of [...h.logs, forbidden.failure.message]) {
      assert.doesNotMatch(line, /sha256~|Zm9vYmFy|Bearer/i, line);
    }
  }));
});
