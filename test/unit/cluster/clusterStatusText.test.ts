import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BackendCandidate } from '../../../src/kube/discovery';
import type { ForwardConnection } from '../../../src/kube/forwardSession';
import { candidatePickItem, clusterStatusView, findRemembered, rememberedOf } from '../../../src/vscode/clusterStatusText';

const KYMA: BackendCandidate = {
  family: 'jaeger', rule: 'kyma', namespace: 'kyma-system', service: 'tracing-jaeger-query', pod: 'tracing-jaeger-0', containerPort: 16686, basePath: '',
  reason: "Kyma's Jaeger query service: service kyma-system/tracing-jaeger-query port 16686 → pod port 16686",
  target: { namespace: 'kyma-system', labelSelector: 'app=jaeger', port: { containerPort: 16686 } },
};
const TEMPO: BackendCandidate = { ...KYMA, family: 'tempo', rule: 'tempo', namespace: 'observability', service: 'tempo', pod: 'tempo-0', containerPort: 3200, reason: 'Grafana Tempo HTTP API on 3200' };
const CONNECTED: ForwardConnection = { url: 'http://127.0.0.1:41234', context: 'prod', candidate: KYMA, api: { api: 'jaeger-v3', basePath: '' } };

describe('the cluster status bar item', () => {
  test('connecting names the context', () => {
    assert.deepEqual(clusterStatusView({ state: 'connecting' }, 'prod'), {
      text: '$(sync~spin) prod: connecting…',
      tooltip: 'Trace Lens: finding the trace backend in context prod and forwarding to it…',
      severity: 'normal',
    });
  });

  test('connected shows context, namespace/service, backend kind and API version; the tooltip has the forwarded URL', () => {
    const view = clusterStatusView({ state: 'connected', connection: CONNECTED }, 'prod');
    assert.equal(view.text, '$(plug) prod: kyma-system/tracing-jaeger-query · Jaeger API v3');
    assert.equal(view.tooltip.split('\n')[0], 'Trace Lens: connected to Jaeger API v3 at kyma-system/tracing-jaeger-query (pod tracing-jaeger-0) in context prod.');
    assert.ok(view.tooltip.includes('Forwarded to http://127.0.0.1:41234.'));
    assert.equal(view.severity, 'normal');
  });

  test("the forwarded URL includes the API's base path (Istio's addon under /jaeger); a pod without a Service is named by the pod", () => {
    const istio: ForwardConnection = { ...CONNECTED, candidate: { ...KYMA, service: undefined, pod: 'jaeger-abc' }, api: { api: 'jaeger-v1', basePath: '/jaeger' } };
    const view = clusterStatusView({ state: 'connected', connection: istio }, 'prod');
    assert.equal(view.text, '$(plug) prod: kyma-system/jaeger-abc · Jaeger API v1');
    assert.ok(view.tooltip.includes('Forwarded to http://127.0.0.1:41234/jaeger.'));
  });

  test('reconnecting counts attempts and says why, as a warning', () => {
    const view = clusterStatusView({ state: 'reconnecting', attempt: 3, reason: 'pod kyma-system/tracing-jaeger-0 is gone' }, 'prod');
    assert.equal(view.text, '$(sync~spin) prod: reconnecting (attempt 3)…');
    assert.ok(view.tooltip.startsWith('Trace Lens: the connection in context prod was lost (pod kyma-system/tracing-jaeger-0 is gone); reconnecting, attempt 3.'));
    assert.equal(view.severity, 'warning');
  });

  test('failed gives the reason (an RBAC failure names the permission) in the tooltip, as an error', () => {
    const message = 'forbidden: your Kubernetes user needs `list` on `services` in namespace kyma-system';
    const view = clusterStatusView({ state: 'failed', failure: { kind: 'forbidden', message } }, 'prod');
    assert.equal(view.text, '$(error) prod: not connected');
    assert.equal(view.tooltip.split('\n')[0], `Trace Lens could not connect in context prod: ${message}`);
    assert.equal(view.severity, 'error');
  });

  test('every state but connecting tells what a click offers', () => {
    for (const state of [{ state: 'connected', connection: CONNECTED }, { state: 'reconnecting', attempt: 1, reason: 'x' }, { state: 'failed', failure: { kind: 'unreachable', message: 'x' } }, { state: 'disconnected' }] as const) {
      assert.ok(clusterStatusView(state, 'prod').tooltip.endsWith('Click to reconnect, switch backend, disconnect or show the log.'), state.state);
    }
  });
});

describe('the backend remembered per context', () => {
  test('what is remembered: where the backend was and which API answered, not the pod (pods come and go)', () => {
    assert.deepEqual(rememberedOf(CONNECTED), { namespace: 'kyma-system', service: 'tracing-jaeger-query', api: 'jaeger-v3', basePath: '' });
  });

  test('next time, the remembered Service is chosen among several, even on another pod', () => {
    const remembered = rememberedOf({ ...CONNECTED, candidate: TEMPO });
    assert.equal(findRemembered([KYMA, { ...TEMPO, pod: 'tempo-1' }], remembered)?.pod, 'tempo-1');
  });

  test('nothing is chosen when the remembered Service is gone or nothing was remembered', () => {
    assert.equal(findRemembered([KYMA], rememberedOf({ ...CONNECTED, candidate: TEMPO })), undefined);
    assert.equal(findRemembered([KYMA, TEMPO], undefined), undefined);
  });

  test('the picker row for a candidate shows where it is, its family and why it matched', () => {
    assert.deepEqual(candidatePickItem(TEMPO), { label: 'observability/tempo', description: 'tempo', detail: 'Grafana Tempo HTTP API on 3200' });
  });
});
